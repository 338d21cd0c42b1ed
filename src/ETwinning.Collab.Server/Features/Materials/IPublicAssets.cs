namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// The hook public pages will implement: true when a material is embedded in a public (showcase) page, so anyone
/// may download it without being a member. Until pages exist, <see cref="NoPublicAssets"/> answers no for all.
/// </summary>
public interface IPublicAssets
{
    bool IsPublicAsset(string twinSpaceId, string materialId);
}
