using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>An image upload was accepted and waits for processing.</summary>
    public event Action<MaterialView>? MaterialProcessing;

    /// <summary>A material is ready to download (files at once, images after processing).</summary>
    public event Action<MaterialView>? MaterialReady;

    /// <summary>An uploaded image could not be processed and was discarded.</summary>
    public event Action<MaterialFailedEvent>? MaterialFailed;

    /// <summary>A material was renamed or moved.</summary>
    public event Action<MaterialView>? MaterialChanged;

    /// <summary>A material was deleted.</summary>
    public event Action<MaterialDeletedEvent>? MaterialDeleted;

    /// <summary>An album or folder was created or renamed.</summary>
    public event Action<MaterialCollectionView>? MaterialCollectionChanged;

    /// <summary>An album or folder was deleted.</summary>
    public event Action<MaterialCollectionDeletedEvent>? MaterialCollectionDeleted;

    /// <summary>Albums, folders, materials and the quota of a TwinSpace.</summary>
    public Task<MaterialsSnapshot> ListMaterialsAsync(string twinSpaceId) => InvokeAsync<MaterialsSnapshot>("ListMaterials", twinSpaceId);

    /// <summary>Fresh signed URLs for a ready material.</summary>
    public Task<MaterialUrls> GetMaterialUrlsAsync(string twinSpaceId, string materialId) =>
        InvokeAsync<MaterialUrls>("GetMaterialUrls", twinSpaceId, materialId);

    /// <summary>Creates an album or a folder.</summary>
    public Task<MaterialCollectionView> CreateMaterialCollectionAsync(string twinSpaceId, MaterialCollectionKind kind, string title, string? description = null) =>
        InvokeAsync<MaterialCollectionView>("CreateMaterialCollection", twinSpaceId, new CreateMaterialCollectionRequest(kind, title, description));

    /// <summary>Renames an album or folder.</summary>
    public Task<MaterialCollectionView> UpdateMaterialCollectionAsync(string twinSpaceId, string collectionId, string title, string? description = null) =>
        InvokeAsync<MaterialCollectionView>("UpdateMaterialCollection", twinSpaceId, collectionId, new UpdateMaterialCollectionRequest(title, description));

    /// <summary>Deletes an empty album or folder.</summary>
    public Task DeleteMaterialCollectionAsync(string twinSpaceId, string collectionId) =>
        InvokeAsync("DeleteMaterialCollection", twinSpaceId, collectionId);

    /// <summary>Renames, describes or moves a material.</summary>
    public Task<MaterialView> UpdateMaterialAsync(string twinSpaceId, string materialId, UpdateMaterialRequest request) =>
        InvokeAsync<MaterialView>("UpdateMaterial", twinSpaceId, materialId, request);

    /// <summary>Deletes a material.</summary>
    public Task DeleteMaterialAsync(string twinSpaceId, string materialId) => InvokeAsync("DeleteMaterial", twinSpaceId, materialId);

    /// <summary>A member's avatar with a signed URL.</summary>
    public Task<AvatarView> GetAvatarAsync(string twinSpaceId, string accountId) => InvokeAsync<AvatarView>("GetAvatar", twinSpaceId, accountId);

    private void RegisterMaterialEvents()
    {
        Hub.On<MaterialView>(MaterialEventNames.MaterialProcessing, e => MaterialProcessing?.Invoke(e));
        Hub.On<MaterialView>(MaterialEventNames.MaterialReady, e => MaterialReady?.Invoke(e));
        Hub.On<MaterialFailedEvent>(MaterialEventNames.MaterialFailed, e => MaterialFailed?.Invoke(e));
        Hub.On<MaterialView>(MaterialEventNames.MaterialChanged, e => MaterialChanged?.Invoke(e));
        Hub.On<MaterialDeletedEvent>(MaterialEventNames.MaterialDeleted, e => MaterialDeleted?.Invoke(e));
        Hub.On<MaterialCollectionView>(MaterialEventNames.MaterialCollectionChanged, e => MaterialCollectionChanged?.Invoke(e));
        Hub.On<MaterialCollectionDeletedEvent>(MaterialEventNames.MaterialCollectionDeleted, e => MaterialCollectionDeleted?.Invoke(e));
    }
}
