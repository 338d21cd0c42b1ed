using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Materials;

public sealed partial class LiteDbMaterialStore : IStoreTransfer
{
    public string Feature => MaterialTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            await foreach (var collection in LiteDbTransfer.ReadAllAsync<MaterialCollection>(file, CollectionsName, cancellationToken).ConfigureAwait(false))
                yield return new(MaterialTransfer.Collection, twinSpaceId, collection);
            await foreach (var material in LiteDbTransfer.ReadAllAsync<Material>(file, MaterialsName, cancellationToken).ConfigureAwait(false))
                yield return new(MaterialTransfer.Material, twinSpaceId, material);
            await foreach (var avatar in LiteDbTransfer.ReadAllAsync<MemberAvatar>(file, AvatarsName, cancellationToken).ConfigureAwait(false))
                yield return new(MaterialTransfer.Avatar, twinSpaceId, avatar);
        }
    }

    // Metadata only: the blobs the records name are files on the shared volume and their counts belong to the blob store.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            await WriteAsync(twinSpace.Key, db =>
            {
                foreach (var record in twinSpace)
                {
                    _ = record.Kind switch
                    {
                        MaterialTransfer.Collection => CollectionsOf(db).Upsert((MaterialCollection)record.Record),
                        MaterialTransfer.Material => MaterialsOf(db).Upsert((Material)record.Record),
                        MaterialTransfer.Avatar => AvatarsOf(db).Upsert((MemberAvatar)record.Record),
                        _ => throw record.NotOf(Feature),
                    };
                }
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
