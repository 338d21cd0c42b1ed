namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>No material is public: the default when the pages feature does not register its own <see cref="IPublicAssets"/>.</summary>
public sealed class NoPublicAssets : IPublicAssets
{
    public ValueTask<bool> IsPublicAssetAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(false);
}
