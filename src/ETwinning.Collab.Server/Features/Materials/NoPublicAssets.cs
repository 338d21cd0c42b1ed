namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>No material is public: the default until the pages feature registers its own <see cref="IPublicAssets"/>.</summary>
public sealed class NoPublicAssets : IPublicAssets
{
    public bool IsPublicAsset(string twinSpaceId, string materialId) => false;
}
