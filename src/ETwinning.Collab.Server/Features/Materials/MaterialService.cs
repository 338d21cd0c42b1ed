using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Images;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Albums, folders and materials of a TwinSpace. Callers arrive checked against the permission matrix; what is
/// decided here is ownership: members change their own materials, <c>manageMaterials</c> changes anyone's. A room's
/// folder and what is in it exist only for the people the room is for (<see cref="RoomVisibility"/>).
/// </summary>
public sealed class MaterialService(
    IMaterialStore store, MaterialChanges changes, IBlobStore blobs, UploadReceiver receiver, ImagePipeline pipeline, MaterialProcessingQueue queue,
    MaterialViews views, IMaterialsNotifier notifier, IAuditLog audit, RoomVisibility rooms, IOptions<MaterialsOptions> options, TimeProvider clock)
{
    private readonly MaterialsOptions _options = options.Value;

    public async Task<MaterialsSnapshot> ListAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        var filter = await rooms.FilterForAsync(member, cancellationToken).ConfigureAwait(false);
        var collections = (await store.CollectionsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false))
            .Where(c => filter.ShowsCollection(c.Id));
        var materials = (await store.MaterialsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false))
            .Where(m => filter.ShowsCollection(m.CollectionId));
        var used = await store.UsedBytesAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        return new(
            collections.OrderBy(c => c.Kind).ThenBy(c => c.Title, StringComparer.OrdinalIgnoreCase).Select(c => c.View()).ToList(),
            materials.OrderByDescending(m => m.UploadedAt).Select(views.View).ToList(),
            used,
            _options.QuotaBytesPerTwinSpace);
    }

    public async Task<MaterialUrls> UrlsAsync(MemberContext member, string? materialId, CancellationToken cancellationToken = default)
    {
        var material = await FindMaterialAsync(member, materialId, cancellationToken).ConfigureAwait(false);
        return views.Urls(material) ?? throw CollabException.NotFound("The material is still being processed.").WithKey("Material_Processing");
    }

    public Task<MaterialCollectionView> CreateCollectionAsync(
        MemberContext member, CreateMaterialCollectionRequest request, CancellationToken cancellationToken = default) =>
        CreateCollectionAsync(member, request, Ids.New(), audience: null, cancellationToken);

    /// <summary>
    /// Creates a collection with a given id, announced only to <paramref name="audience"/> (everyone when null): a
    /// room makes its folder before the room is stored, so the folder's title must not go to the whole TwinSpace.
    /// </summary>
    public async Task<MaterialCollectionView> CreateCollectionAsync(
        MemberContext member, CreateMaterialCollectionRequest request, string id, IReadOnlyList<string>? audience, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        if (!Enum.IsDefined(request.Kind)) throw CollabException.Invalid("Kind must be album or folder.").WithKey("Material_KindCollection");
        var collection = new MaterialCollection
        {
            Id = id,
            TwinSpaceId = member.TwinSpaceId,
            Kind = request.Kind,
            Title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength),
            Description = Require.OptionalText(request.Description, "Description", _options.MaxDescriptionLength),
            CreatedBy = member.AccountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await store.AddCollectionAsync(collection, cancellationToken).ConfigureAwait(false);
        await notifier.CollectionChangedAsync(collection.View(), audience).ConfigureAwait(false);
        return collection.View();
    }

    public async Task<MaterialCollectionView> UpdateCollectionAsync(
        MemberContext member, string? collectionId, UpdateMaterialCollectionRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var collection = await FindCollectionAsync(member, collectionId, cancellationToken).ConfigureAwait(false);
        RequireOwnerOrManager(member, collection.CreatedBy);
        var updated = collection with
        {
            Title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength),
            Description = Require.OptionalText(request.Description, "Description", _options.MaxDescriptionLength),
        };
        if (!await store.TryUpdateCollectionAsync(updated, cancellationToken).ConfigureAwait(false))
            throw CollabException.NotFound("No such album or folder.").WithKey("Material_NoCollection");
        await notifier.CollectionChangedAsync(updated.View(), await AudienceAsync(member, updated.Id, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return updated.View();
    }

    public async Task DeleteCollectionAsync(MemberContext member, string? collectionId, CancellationToken cancellationToken = default)
    {
        var collection = await FindCollectionAsync(member, collectionId, cancellationToken).ConfigureAwait(false);
        RequireOwnerOrManager(member, collection.CreatedBy);
        if (!await store.TryDeleteCollectionAsync(member.TwinSpaceId, collection.Id, cancellationToken).ConfigureAwait(false))
            throw CollabException.Conflict("Move or delete the materials in it first.").WithKey("Material_CollectionNotEmpty");
        await AuditIfNotOwnAsync(member, collection.CreatedBy, MaterialAuditActions.CollectionDeletedOthers, collection.Id, collection.Title).ConfigureAwait(false);
        await notifier.CollectionDeletedAsync(new(member.TwinSpaceId, collection.Id), await AudienceAsync(member, collection.Id, cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Receives an upload. Files and videos are stored at once (ready); images are queued for the pipeline
    /// (processing) after their header passed the pixel limit, so a decompression bomb is refused right here.
    /// </summary>
    public async Task<MaterialView> UploadAsync(
        MemberContext member, UploadMaterialRequest request, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        var collection = request.CollectionId is { Length: > 0 }
            ? await FindCollectionAsync(member, request.CollectionId, cancellationToken).ConfigureAwait(false)
            : null;
        var title = Require.OptionalText(request.Title, "Title", _options.MaxTitleLength);
        var description = Require.OptionalText(request.Description, "Description", _options.MaxDescriptionLength);
        var quotaLeft = _options.QuotaBytesPerTwinSpace - await store.UsedBytesAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);

        using var upload = await receiver.ReceiveAsync(body, declaredLength, type => receiver.LimitFor(type.Kind, quotaLeft), cancellationToken)
            .ConfigureAwait(false);
        var type = upload.Type;
        if (collection?.Kind == MaterialCollectionKind.Album && type.Kind == MaterialKind.File)
            throw CollabException.Invalid("Albums hold pictures and videos; put files in a folder.").WithKey("Material_AlbumKinds");
        var fileName = FileNames.Sanitize(request.FileName, type.Extension);
        var material = new Material
        {
            Id = Ids.New(),
            TwinSpaceId = member.TwinSpaceId,
            CollectionId = collection?.Id,
            Kind = type.Kind,
            Status = type.Kind == MaterialKind.Image ? MaterialStatus.Processing : MaterialStatus.Ready,
            Title = title.Length > 0 ? title : Path.GetFileNameWithoutExtension(fileName),
            Description = description,
            FileName = fileName,
            ContentType = type.ContentType,
            SizeBytes = upload.SizeBytes,
            UploadedBy = member.AccountId,
            UploaderName = member.Membership.DisplayName,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        return type.Kind == MaterialKind.Image
            ? await QueueImageAsync(material, upload, cancellationToken).ConfigureAwait(false)
            : await StoreFileAsync(material, upload, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MaterialView> UpdateAsync(
        MemberContext member, string? materialId, UpdateMaterialRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var material = await FindMaterialAsync(member, materialId, cancellationToken).ConfigureAwait(false);
        RequireOwnerOrManager(member, material.UploadedBy);
        var collection = request.CollectionId is { Length: > 0 }
            ? await FindCollectionAsync(member, request.CollectionId, cancellationToken).ConfigureAwait(false)
            : null;
        if (collection?.Kind == MaterialCollectionKind.Album && material.Kind == MaterialKind.File)
            throw CollabException.Invalid("Albums hold pictures and videos; put files in a folder.").WithKey("Material_AlbumKinds");
        var title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength);
        var description = Require.OptionalText(request.Description, "Description", _options.MaxDescriptionLength);
        // Only the fields this request sets: processing that finishes meanwhile keeps its files and status.
        var updated = await changes.ChangeAsync(member.TwinSpaceId, material.Id,
                current => current with { Title = title, Description = description, CollectionId = collection?.Id }, cancellationToken)
            .ConfigureAwait(false) ?? throw CollabException.NotFound("No such material.").WithKey("Material_NotFound");
        var view = views.View(updated);
        var audience = await AudienceAsync(member, updated.CollectionId, cancellationToken).ConfigureAwait(false);
        await notifier.ChangedAsync(view, audience).ConfigureAwait(false);
        if (audience is not null && updated.CollectionId != material.CollectionId)
        {
            // Moved into a room's folder: whoever saw it where it was and cannot see the room loses it from their list.
            var before = await AudienceAsync(member, material.CollectionId, cancellationToken).ConfigureAwait(false)
                ?? await rooms.EveryoneAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
            var lost = before.Except(audience, StringComparer.Ordinal).ToList();
            if (lost.Count > 0) await notifier.DeletedAsync(new(member.TwinSpaceId, updated.Id), lost).ConfigureAwait(false);
        }
        return view;
    }

    public async Task DeleteAsync(MemberContext member, string? materialId, CancellationToken cancellationToken = default)
    {
        var material = await FindMaterialAsync(member, materialId, cancellationToken).ConfigureAwait(false);
        RequireOwnerOrManager(member, material.UploadedBy);
        var deleted = await store.DeleteAsync(member.TwinSpaceId, material.Id, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such material.").WithKey("Material_NotFound");
        // Not cancelled past this point: the record is gone, so its references must go too or the files leak.
        foreach (var hash in deleted.BlobHashes()) await blobs.ReleaseAsync(hash, CancellationToken.None).ConfigureAwait(false);
        await AuditIfNotOwnAsync(member, material.UploadedBy, MaterialAuditActions.DeletedOthers, material.Id, $"{material.Title} ({material.UploaderName})")
            .ConfigureAwait(false);
        await notifier.DeletedAsync(new(member.TwinSpaceId, material.Id), await AudienceAsync(member, material.CollectionId, cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    // Removing someone else's upload is moderation: teachers can see who did it and when.
    private Task AuditIfNotOwnAsync(MemberContext member, string ownerId, string action, string targetId, string detail) =>
        member.AccountId == ownerId
            ? Task.CompletedTask
            : audit.AppendAsync(member.TwinSpaceId,
                AuditEntry.Of(clock.GetUtcNow().UtcDateTime, member.AccountId, member.Membership.DisplayName, action, targetId, detail));

    private async Task<MaterialView> QueueImageAsync(Material material, ReceivedUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            var header = pipeline.ReadHeader(upload.TempPath);
            if (header.Format != upload.Type.ImageFormat) throw CollabException.Invalid("The image's content does not match its type.").WithKey("Image_TypeMismatch");
            ImagePipeline.CheckLimits(header, new ImageLimits(_options.MaxImagePixels, _options.MaxAnimationPixels));
        }
        catch (ImageRejectedException rejected)
        {
            throw (rejected.Reason == ImageRejection.TooManyPixels ? CollabException.TooLarge(rejected.Message) : CollabException.Invalid(rejected.Message))
                .WithKey(rejected.MessageKey, [.. rejected.MessageArguments]);
        }
        var incoming = queue.IncomingPath(material.TwinSpaceId, material.Id);
        File.Move(upload.TempPath, incoming);
        try
        {
            if (!await store.TryAddAsync(material, _options.QuotaBytesPerTwinSpace, cancellationToken).ConfigureAwait(false))
                throw CollabException.TooLarge("The TwinSpace's storage quota is full.").WithKey("Material_QuotaFull");
            if (!queue.TryEnqueue(new MaterialJob(material.TwinSpaceId, material.Id, incoming)))
            {
                await store.DeleteAsync(material.TwinSpaceId, material.Id, CancellationToken.None).ConfigureAwait(false);
                throw CollabException.RateLimited("Many pictures are waiting to be processed. Try again in a minute.").WithKey("Material_ImagesWaiting");
            }
        }
        catch
        {
            File.Delete(incoming);
            throw;
        }
        var view = views.View(material);
        await notifier.ProcessingAsync(view, await AudienceAsync(material, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return view;
    }

    private async Task<MaterialView> StoreFileAsync(Material material, ReceivedUpload upload, CancellationToken cancellationToken)
    {
        var (sha256, size) = (upload.Sha256, upload.SizeBytes);
        // Phone videos carry where they were filmed; we keep the video but not the place.
        if (upload.Type.ContentType is "video/mp4" or "video/quicktime" && Mp4LocationScrubber.Scrub(upload.TempPath) > 0)
            (sha256, size) = await HashingFile.HashAsync(upload.TempPath, cancellationToken).ConfigureAwait(false);
        var stored = material with { Sha256 = sha256, SizeBytes = size };
        await blobs.AddAsync(upload.TempPath, sha256, size, cancellationToken).ConfigureAwait(false);
        // From here the blob holds a reference: the record is written, or the reference given back, whatever the caller cancels.
        if (!await store.TryAddAsync(stored, _options.QuotaBytesPerTwinSpace, CancellationToken.None).ConfigureAwait(false))
        {
            await blobs.ReleaseAsync(sha256, CancellationToken.None).ConfigureAwait(false);
            throw CollabException.TooLarge("The TwinSpace's storage quota is full.").WithKey("Material_QuotaFull");
        }
        var view = views.View(stored);
        await notifier.ReadyAsync(view, await AudienceAsync(stored, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        return view;
    }

    /// <summary>Refuses a material the member may not see (in a room's folder they are not allowed in) as unknown: the download route asks this first.</summary>
    public async Task RequireVisibleAsync(MemberContext member, string? materialId, CancellationToken cancellationToken = default) =>
        await FindMaterialAsync(member, materialId, cancellationToken).ConfigureAwait(false);

    private async Task<Material> FindMaterialAsync(MemberContext member, string? materialId, CancellationToken cancellationToken)
    {
        var material = await store.FindAsync(member.TwinSpaceId, Require.Id(materialId, "materialId"), cancellationToken).ConfigureAwait(false);
        return material is not null && await ShowsAsync(member, material.CollectionId, cancellationToken).ConfigureAwait(false)
            ? material
            : throw CollabException.NotFound("No such material.").WithKey("Material_NotFound");
    }

    private async Task<MaterialCollection> FindCollectionAsync(MemberContext member, string? collectionId, CancellationToken cancellationToken)
    {
        var collection = await store.FindCollectionAsync(member.TwinSpaceId, Require.Id(collectionId, "collectionId"), cancellationToken).ConfigureAwait(false);
        return collection is not null && await ShowsAsync(member, collection.Id, cancellationToken).ConfigureAwait(false)
            ? collection
            : throw CollabException.NotFound("No such album or folder.").WithKey("Material_NoCollection");
    }

    /// <summary>
    /// True when the material lies in a room's folder: what only a room's members and the teachers may see never
    /// becomes public, whichever public page shows it.
    /// </summary>
    public async ValueTask<bool> IsRoomContentAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(twinSpaceId, materialId, cancellationToken).ConfigureAwait(false) is { } material
        && await AudienceAsync(material, cancellationToken).ConfigureAwait(false) is not null;

    private ValueTask<IReadOnlyList<string>?> AudienceAsync(MemberContext member, string? collectionId, CancellationToken cancellationToken) =>
        rooms.AudienceOfCollectionAsync(member.TwinSpaceId, collectionId, cancellationToken);

    private ValueTask<IReadOnlyList<string>?> AudienceAsync(Material material, CancellationToken cancellationToken) =>
        rooms.AudienceOfCollectionAsync(material.TwinSpaceId, material.CollectionId, cancellationToken);

    private async ValueTask<bool> ShowsAsync(MemberContext member, string? collectionId, CancellationToken cancellationToken) =>
        collectionId is null || (await rooms.FilterForAsync(member, cancellationToken).ConfigureAwait(false)).ShowsCollection(collectionId);

    private static void RequireOwnerOrManager(MemberContext member, string ownerId)
    {
        if (!PermissionGuard.Allows(member, ResourceRule.ChangeMaterial, member.AccountId == ownerId ? ResourceRelation.Author : ResourceRelation.None))
            throw CollabException.Forbidden("Only its owner or a materials manager can change this.").WithKey("Material_OnlyOwner");
    }
}
