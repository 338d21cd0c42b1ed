using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Materials metadata in the TwinSpace's own file, next to its pages and chat; checks and changes run inside the file's one writer.</summary>
public sealed partial class LiteDbMaterialStore(DatabaseFiles files) : IMaterialStore
{
    private const string CollectionsName = "material_collections";
    private const string MaterialsName = "materials";
    private const string AvatarsName = "avatars";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] FileCollections = [CollectionsName, MaterialsName, AvatarsName];

    public ValueTask<IReadOnlyList<MaterialCollection>> CollectionsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MaterialCollection>>(twinSpaceId, db => CollectionsOf(db).FindAll().ToList(), cancellationToken);

    public ValueTask<MaterialCollection?> FindCollectionAsync(string twinSpaceId, string collectionId, CancellationToken cancellationToken = default) =>
        ReadAsync<MaterialCollection?>(twinSpaceId, db => CollectionsOf(db).FindById(collectionId), cancellationToken);

    public Task AddCollectionAsync(MaterialCollection collection, CancellationToken cancellationToken = default) =>
        WriteAsync(collection.TwinSpaceId, db => CollectionsOf(db).Insert(collection), cancellationToken);

    public Task<bool> TryUpdateCollectionAsync(MaterialCollection collection, CancellationToken cancellationToken = default) =>
        WriteAsync(collection.TwinSpaceId, db => CollectionsOf(db).Update(collection), cancellationToken);

    public Task<bool> TryDeleteCollectionAsync(string twinSpaceId, string collectionId, CancellationToken cancellationToken = default) =>
        WriteAsync(twinSpaceId, db => !MaterialsOf(db).Exists(m => m.CollectionId == collectionId) && CollectionsOf(db).Delete(collectionId),
            cancellationToken);

    public ValueTask<IReadOnlyList<Material>> MaterialsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Material>>(twinSpaceId, db => MaterialsOf(db).FindAll().ToList(), cancellationToken);

    public ValueTask<Material?> FindAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default) =>
        ReadAsync<Material?>(twinSpaceId, db => MaterialsOf(db).FindById(materialId), cancellationToken);

    public ValueTask<long> UsedBytesAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ReadAsync(twinSpaceId, SumSizes, cancellationToken);

    public Task<bool> TryAddAsync(Material material, long quotaBytes, CancellationToken cancellationToken = default) =>
        WriteAsync(material.TwinSpaceId, db =>
        {
            // Checked again inside the writer: two uploads that each fit alone must not both pass together.
            if (SumSizes(db) + material.SizeBytes > quotaBytes) return false;
            MaterialsOf(db).Insert(material with { Version = 1 });
            return true;
        }, cancellationToken);

    public Task<Material?> TryReplaceAsync(Material replacement, long expectedVersion, CancellationToken cancellationToken = default) =>
        WriteAsync(replacement.TwinSpaceId, db =>
        {
            var materials = MaterialsOf(db);
            var stored = materials.FindById(replacement.Id);
            if (stored is null || stored.Version != expectedVersion) return null;
            var updated = replacement with
            {
                Kind = stored.Kind,
                UploadedBy = stored.UploadedBy,
                UploaderName = stored.UploaderName,
                UploadedAt = stored.UploadedAt,
                Version = stored.Version + 1,
            };
            materials.Update(updated);
            return updated;
        }, cancellationToken);

    public Task<Material?> DeleteAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default) =>
        WriteAsync<Material?>(twinSpaceId, db =>
        {
            var materials = MaterialsOf(db);
            var existing = materials.FindById(materialId);
            if (existing is not null) materials.Delete(materialId);
            return existing;
        }, cancellationToken);

    public ValueTask<MemberAvatar?> FindAvatarAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default) =>
        ReadAsync<MemberAvatar?>(twinSpaceId, db => AvatarsOf(db).FindById(accountId), cancellationToken);

    public Task<MemberAvatar?> SetAvatarAsync(string twinSpaceId, string accountId, MemberAvatar? avatar, CancellationToken cancellationToken = default) =>
        WriteAsync<MemberAvatar?>(twinSpaceId, db =>
        {
            var avatars = AvatarsOf(db);
            var previous = avatars.FindById(accountId);
            if (avatar is null) avatars.Delete(accountId);
            else avatars.Upsert(avatar with { Id = accountId });
            return previous;
        }, cancellationToken);

    public ValueTask<IReadOnlyList<MemberAvatar>> AvatarsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MemberAvatar>>(twinSpaceId, db => AvatarsOf(db).FindAll().ToList(), cancellationToken);

    // LiteDB reads are synchronous and short (one file, by id or a small scan); a provider with network round trips awaits here.
    private ValueTask<T> ReadAsync<T>(string twinSpaceId, Func<LiteDatabase, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(files.ForTwinSpace(twinSpaceId).Read(read));
    }

    // A write already queued for the file's writer is not withdrawn: the token is checked before it is queued.
    private Task<T> WriteAsync<T>(string twinSpaceId, Func<LiteDatabase, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(write);
    }

    private static ILiteCollection<MaterialCollection> CollectionsOf(LiteDatabase db) => db.GetCollection<MaterialCollection>(CollectionsName);

    private static ILiteCollection<Material> MaterialsOf(LiteDatabase db) => db.GetCollection<Material>(MaterialsName);

    private static ILiteCollection<MemberAvatar> AvatarsOf(LiteDatabase db) => db.GetCollection<MemberAvatar>(AvatarsName);

    private static long SumSizes(LiteDatabase db) => MaterialsOf(db).FindAll().Sum(m => m.SizeBytes);
}
