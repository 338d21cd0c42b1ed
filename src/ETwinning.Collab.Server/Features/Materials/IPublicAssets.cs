namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// The hook public pages implement: true when a material is embedded in a public (showcase) page, so anyone may
/// download it without being a member. The pages feature registers <c>PublishedPageAssets</c>; without it,
/// <see cref="NoPublicAssets"/> answers no for all.
/// </summary>
public interface IPublicAssets
{
    ValueTask<bool> IsPublicAssetAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default);
}
