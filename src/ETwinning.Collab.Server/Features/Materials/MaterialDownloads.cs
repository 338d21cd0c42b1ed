using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Net.Http.Headers;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Serves stored materials with range requests (video seeking, resumable downloads), the sha256 as ETag, and
/// headers that keep a browser from ever treating an upload as a page: <c>nosniff</c>, a sandboxing CSP, and
/// <c>Content-Disposition: attachment</c> for everything that is not a (re-encoded) image.
/// </summary>
public sealed class MaterialDownloads(IMaterialStore store, IBlobStore blobs)
{
    /// <summary>Sandboxes anything a browser might still render: no script, no plugins, no requests.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

    public async Task<IResult> ServeAsync(
        HttpContext http, string twinSpaceId, string? materialId, string? variantName, int maxAgeSeconds, CancellationToken cancellationToken = default)
    {
        var variant = MaterialPaths.ParseVariant(variantName) ?? throw CollabException.NotFound("No such variant.").WithKey("Material_NoVariant");
        var material = await store.FindAsync(twinSpaceId, Require.Id(materialId, "materialId"), cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such material.").WithKey("Material_NotFound");
        if (material.Status != MaterialStatus.Ready) throw CollabException.NotFound("The material is still being processed.").WithKey("Material_Processing");
        var (sha256, contentType) = variant == MaterialVariant.Original
            ? (material.Sha256!, material.ContentType)
            : material.Variants.FirstOrDefault(v => v.Variant == variant) is { } derived
                ? (derived.Sha256, derived.ContentType)
                : throw CollabException.NotFound("This material has no such variant.").WithKey("Material_VariantMissing");
        var path = await blobs.PathOfAsync(sha256, cancellationToken).ConfigureAwait(false) ?? throw CollabException.NotFound("The file is gone.").WithKey("Material_FileGone");
        var attachment = material.Kind != MaterialKind.Image;
        return File(http, path, contentType, sha256, attachment ? material.FileName : null, material.UploadedAt, maxAgeSeconds);
    }

    /// <summary>A stored file with the safety and caching headers every download gets.</summary>
    public static IResult File(HttpContext http, string path, string contentType, string sha256, string? attachmentName, DateTime lastModified, int maxAgeSeconds)
    {
        SetSafetyHeaders(http, maxAgeSeconds);
        return Results.File(path, contentType, attachmentName, new DateTimeOffset(lastModified, TimeSpan.Zero),
            new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: true);
    }

    public static void SetSafetyHeaders(HttpContext http, int maxAgeSeconds)
    {
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        // Private: members-only content must not sit in shared caches. Content-addressed, so it never changes.
        headers[HeaderNames.CacheControl] = $"private, max-age={maxAgeSeconds}";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
