using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ViewMaterials)]
    public MaterialsSnapshot ListMaterials(string twinSpaceId, [FromServices] MaterialService materials) => materials.List(Member);

    [RequiresPermission(TwinSpaceAction.ViewMaterials)]
    public MaterialUrls GetMaterialUrls(string twinSpaceId, string materialId, [FromServices] MaterialService materials) =>
        materials.Urls(Member, materialId);

    [RequiresPermission(TwinSpaceAction.UploadMaterials)]
    public Task<MaterialCollectionView> CreateMaterialCollection(string twinSpaceId, CreateMaterialCollectionRequest request, [FromServices] MaterialService materials) =>
        materials.CreateCollectionAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.UploadMaterials)]
    public Task<MaterialCollectionView> UpdateMaterialCollection(string twinSpaceId, string collectionId, UpdateMaterialCollectionRequest request, [FromServices] MaterialService materials) =>
        materials.UpdateCollectionAsync(Member, collectionId, request);

    [RequiresPermission(TwinSpaceAction.UploadMaterials)]
    public Task DeleteMaterialCollection(string twinSpaceId, string collectionId, [FromServices] MaterialService materials) =>
        materials.DeleteCollectionAsync(Member, collectionId);

    [RequiresPermission(TwinSpaceAction.UploadMaterials)]
    public Task<MaterialView> UpdateMaterial(string twinSpaceId, string materialId, UpdateMaterialRequest request, [FromServices] MaterialService materials) =>
        materials.UpdateAsync(Member, materialId, request);

    [RequiresPermission(TwinSpaceAction.UploadMaterials)]
    public Task DeleteMaterial(string twinSpaceId, string materialId, [FromServices] MaterialService materials) =>
        materials.DeleteAsync(Member, materialId);

    [RequiresPermission(TwinSpaceAction.ViewMembers)]
    public Task<AvatarView> GetAvatar(string twinSpaceId, string accountId, [FromServices] AvatarService avatars) => avatars.GetAsync(Member, accountId);
}
