using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Export;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure.Blobs;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Puts every ready material into the export under <c>materials/&lt;album or folder&gt;/&lt;file name&gt;</c>: the
/// stored originals, which for images are the re-encoded copies without metadata. Thumbnails are left out; they
/// can be made again from the originals.
/// </summary>
public sealed class MaterialsExportContributor(IMaterialStore store, IBlobStore blobs, RoomVisibility rooms) : IExportContributor
{
    public string Section => "materials";

    public async Task<object> WriteAsync(TwinSpaceExport export, CancellationToken cancellationToken)
    {
        var twinSpaceId = export.TwinSpace.Id;
        // The same rule as the list: a room's folder is in the export only for someone who may see the room.
        var filter = await rooms.FilterForAsync(export.Exporter, cancellationToken).ConfigureAwait(false);
        var collections = (await store.CollectionsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false))
            .Where(c => filter.ShowsCollection(c.Id)).ToDictionary(c => c.Id);
        var materials = (await store.MaterialsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).Where(m => filter.ShowsCollection(m.CollectionId));
        var entries = new List<object>();
        foreach (var material in materials.Where(m => m.Status == MaterialStatus.Ready).OrderBy(m => m.UploadedAt))
        {
            if (await blobs.PathOfAsync(material.Sha256!, cancellationToken).ConfigureAwait(false) is not { } path) continue;
            var folder = material.CollectionId is not null && collections.TryGetValue(material.CollectionId, out var collection)
                ? FileNames.Sanitize(collection.Title, "x")[..^2]
                : "unsorted";
            var compress = material.Kind == MaterialKind.File;
            var entryName = await export.AddFileAsync($"materials/{folder}/{material.FileName}", path, compress, cancellationToken).ConfigureAwait(false);
            entries.Add(new
            {
                file = entryName,
                material.Id,
                material.Kind,
                material.Title,
                material.Description,
                material.ContentType,
                material.SizeBytes,
                material.Sha256,
                material.Width,
                material.Height,
                album = material.CollectionId is not null && collections.TryGetValue(material.CollectionId, out var c) ? c.Title : null,
                uploadedBy = material.UploaderName,
                material.UploadedAt,
            });
        }
        return new
        {
            collections = collections.Values.Select(c => new { c.Id, c.Kind, c.Title, c.Description, c.CreatedAt }),
            files = entries,
        };
    }
}
