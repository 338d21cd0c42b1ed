namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Materials metadata of one TwinSpace at a time: albums and folders, materials, uploaded avatars. The files themselves
/// are blobs (<see cref="Infrastructure.Blobs.IBlobStore"/>); records name them by hash. Every write is atomic; reads see
/// committed writes only, and an id from another TwinSpace is simply not found.
/// </summary>
public interface IMaterialStore
{
    ValueTask<IReadOnlyList<MaterialCollection>> CollectionsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    ValueTask<MaterialCollection?> FindCollectionAsync(string twinSpaceId, string collectionId, CancellationToken cancellationToken = default);

    Task AddCollectionAsync(MaterialCollection collection, CancellationToken cancellationToken = default);

    /// <summary>Replaces an album or folder (title, description); false when it was deleted meanwhile (nothing is written).</summary>
    Task<bool> TryUpdateCollectionAsync(MaterialCollection collection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an empty album or folder; false, with nothing written, when it still holds materials at the moment of
    /// the write (or does not exist).
    /// </summary>
    Task<bool> TryDeleteCollectionAsync(string twinSpaceId, string collectionId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Material>> MaterialsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    ValueTask<Material?> FindAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default);

    /// <summary>Sum of the materials' sizes: what counts against the quota.</summary>
    ValueTask<long> UsedBytesAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the material (with <see cref="Material.Version"/> 1) unless the TwinSpace's materials would then exceed
    /// <paramref name="quotaBytes"/>; the sum is taken inside the write, so concurrent uploads that each fit alone never
    /// pass the quota together. False, with nothing written, when it would not fit.
    /// </summary>
    Task<bool> TryAddAsync(Material material, long quotaBytes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set: replaces the material with <paramref name="replacement"/> if its stored <see cref="Material.Version"/>
    /// is still <paramref name="expectedVersion"/>; returns the material now stored (its version one higher), or null when
    /// the version moved or the material was deleted, in which case nothing was written and the caller reads again.
    /// Its identity (TwinSpace, kind, uploader, upload time) stays as stored.
    /// </summary>
    Task<Material?> TryReplaceAsync(Material replacement, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes and returns the material as it was (null when it did not exist): the caller releases its blobs.</summary>
    Task<Material?> DeleteAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default);

    ValueTask<MemberAvatar?> FindAvatarAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null removes) a member's avatar; returns the one it replaced, whose blob the caller releases.</summary>
    Task<MemberAvatar?> SetAvatarAsync(string twinSpaceId, string accountId, MemberAvatar? avatar, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<MemberAvatar>> AvatarsAsync(string twinSpaceId, CancellationToken cancellationToken = default);
}
