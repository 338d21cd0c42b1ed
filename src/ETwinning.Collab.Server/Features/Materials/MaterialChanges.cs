using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Changes one stored material by compare-and-set: reads it, lets the caller compute the new state (throwing to
/// refuse), and stores it only if nobody changed the material meanwhile; otherwise reads again. So a rename while the
/// image is being processed neither loses the processed files nor is lost itself.
/// </summary>
public sealed class MaterialChanges(IMaterialStore store, IOptions<MaterialsOptions> options)
{
    private readonly int _attempts = options.Value.MaterialChangeAttempts;

    /// <summary>
    /// The material after <paramref name="change"/>; when it returns the material it was given, nothing is written and
    /// that material comes back. Null when there is no such material; conflict when every attempt lost its race.
    /// </summary>
    public async Task<Material?> ChangeAsync(
        string twinSpaceId, string materialId, Func<Material, Material> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < _attempts; attempt++)
        {
            var current = await store.FindAsync(twinSpaceId, materialId, cancellationToken).ConfigureAwait(false);
            if (current is null) return null;
            var changed = change(current);
            if (ReferenceEquals(changed, current)) return current;
            if (await store.TryReplaceAsync(changed, current.Version, cancellationToken).ConfigureAwait(false) is { } stored) return stored;
        }
        throw CollabException.Conflict("This material is being changed by several people at once; please try again.").WithKey("Material_Busy");
    }
}
