namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Materials metadata of one TwinSpace: albums and folders, materials, uploaded avatars.</summary>
public interface IMaterialStore
{
    IReadOnlyList<MaterialCollection> Collections(string twinSpaceId);
    MaterialCollection? FindCollection(string twinSpaceId, string collectionId);
    Task AddCollectionAsync(MaterialCollection collection);
    Task UpdateCollectionAsync(MaterialCollection collection);
    /// <summary>Deletes an empty album or folder; false when it still holds materials.</summary>
    Task<bool> TryDeleteCollectionAsync(string twinSpaceId, string collectionId);

    IReadOnlyList<Material> Materials(string twinSpaceId);
    Material? Find(string twinSpaceId, string materialId);
    /// <summary>Sum of the materials' sizes: what counts against the quota.</summary>
    long UsedBytes(string twinSpaceId);
    /// <summary>Adds the material unless the TwinSpace's materials would then exceed <paramref name="quotaBytes"/>.</summary>
    Task<bool> TryAddAsync(Material material, long quotaBytes);
    /// <summary>Replaces a material; false when it was deleted meanwhile.</summary>
    Task<bool> TryUpdateAsync(Material material);
    /// <summary>Deletes and returns the material as it was (null when it did not exist).</summary>
    Task<Material?> DeleteAsync(string twinSpaceId, string materialId);

    MemberAvatar? FindAvatar(string twinSpaceId, string accountId);
    /// <summary>Sets (or with null removes) a member's avatar; returns the replaced one.</summary>
    Task<MemberAvatar?> SetAvatarAsync(string twinSpaceId, string accountId, MemberAvatar? avatar);
    IReadOnlyList<MemberAvatar> Avatars(string twinSpaceId);
}
