using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Materials metadata in the TwinSpace's own file, next to its pages and chat.</summary>
public sealed class LiteDbMaterialStore(DatabaseFiles files) : IMaterialStore
{
    private const string CollectionsName = "material_collections";
    private const string MaterialsName = "materials";
    private const string AvatarsName = "avatars";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] FileCollections = [CollectionsName, MaterialsName, AvatarsName];

    public IReadOnlyList<MaterialCollection> Collections(string twinSpaceId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<MaterialCollection>(CollectionsName).FindAll().ToList());

    public MaterialCollection? FindCollection(string twinSpaceId, string collectionId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<MaterialCollection>(CollectionsName).FindById(collectionId));

    public Task AddCollectionAsync(MaterialCollection collection) =>
        files.ForTwinSpace(collection.TwinSpaceId).WriteAsync(db => db.GetCollection<MaterialCollection>(CollectionsName).Insert(collection));

    public Task UpdateCollectionAsync(MaterialCollection collection) =>
        files.ForTwinSpace(collection.TwinSpaceId).WriteAsync(db => db.GetCollection<MaterialCollection>(CollectionsName).Update(collection));

    public Task<bool> TryDeleteCollectionAsync(string twinSpaceId, string collectionId) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            if (MaterialsOf(db).Exists(m => m.CollectionId == collectionId)) return false;
            return db.GetCollection<MaterialCollection>(CollectionsName).Delete(collectionId);
        });

    public IReadOnlyList<Material> Materials(string twinSpaceId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => MaterialsOf(db).FindAll().ToList());

    public Material? Find(string twinSpaceId, string materialId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => MaterialsOf(db).FindById(materialId));

    public long UsedBytes(string twinSpaceId) => files.ForTwinSpace(twinSpaceId).Read(SumSizes);

    public Task<bool> TryAddAsync(Material material, long quotaBytes) =>
        files.ForTwinSpace(material.TwinSpaceId).WriteAsync(db =>
        {
            // Checked again inside the writer: two uploads that each fit alone must not both pass together.
            if (SumSizes(db) + material.SizeBytes > quotaBytes) return false;
            MaterialsOf(db).Insert(material);
            return true;
        });

    public Task<bool> TryUpdateAsync(Material material) =>
        files.ForTwinSpace(material.TwinSpaceId).WriteAsync(db => MaterialsOf(db).Update(material));

    public Task<Material?> DeleteAsync(string twinSpaceId, string materialId) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync<Material?>(db =>
        {
            var materials = MaterialsOf(db);
            var existing = materials.FindById(materialId);
            if (existing is not null) materials.Delete(materialId);
            return existing;
        });

    public MemberAvatar? FindAvatar(string twinSpaceId, string accountId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<MemberAvatar>(AvatarsName).FindById(accountId));

    public Task<MemberAvatar?> SetAvatarAsync(string twinSpaceId, string accountId, MemberAvatar? avatar) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync<MemberAvatar?>(db =>
        {
            var avatars = db.GetCollection<MemberAvatar>(AvatarsName);
            var previous = avatars.FindById(accountId);
            if (avatar is null) avatars.Delete(accountId);
            else avatars.Upsert(avatar);
            return previous;
        });

    public IReadOnlyList<MemberAvatar> Avatars(string twinSpaceId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<MemberAvatar>(AvatarsName).FindAll().ToList());

    private static ILiteCollection<Material> MaterialsOf(LiteDatabase db) => db.GetCollection<Material>(MaterialsName);

    private static long SumSizes(LiteDatabase db) => MaterialsOf(db).FindAll().Sum(m => m.SizeBytes);
}
