namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>No material is public: the default when the pages feature does not register its own <see cref="IPublicAssets"/>.</summary>
public sealed class NoPublicAssets : IPublicAssets
{
    public bool IsPublicAsset(string twinSpaceId, string materialId) => false;
}
