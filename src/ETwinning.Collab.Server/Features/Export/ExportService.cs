using System.IO.Compression;
using System.Text.Json;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ETwinning.Collab.Server.Features.Export;

/// <summary>
/// Streams a TwinSpace's export as one zip straight into the response (nothing is assembled on disk or in
/// memory): each contributor's entries, then <c>manifest.json</c> with every contributor's section.
/// </summary>
public sealed class ExportService(IEnumerable<IExportContributor> contributors, TimeProvider clock)
{
    public async Task WriteAsync(MemberContext member, HttpContext http, CancellationToken cancellationToken)
    {
        var twinSpace = member.TwinSpace;
        var now = clock.GetUtcNow().UtcDateTime;
        http.Response.ContentType = "application/zip";
        http.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"twinspace-{twinSpace.Code}-{now:yyyyMMdd}.zip\"";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        // ZipArchive writes its small headers synchronously even in its async API; the bulk goes through async copies.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;

        await using var archive = await ZipArchive.CreateAsync(http.Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken)
            .ConfigureAwait(false);
        var export = new TwinSpaceExport(archive, member);
        var sections = new Dictionary<string, object>();
        foreach (var contributor in contributors)
            sections[contributor.Section] = await contributor.WriteAsync(export, cancellationToken).ConfigureAwait(false);
        var manifest = new
        {
            format = "etwinning-collab-export/1",
            exportedAt = now,
            exportedBy = member.AccountId,
            twinSpace = new { twinSpace.Id, twinSpace.Code, twinSpace.Title, twinSpace.Description, twinSpace.CreatedAt },
            sections,
        };
        var options = new JsonSerializerOptions { WriteIndented = true };
        JsonDefaults.Apply(options);
        await export.AddTextAsync("manifest.json", JsonSerializer.Serialize(manifest, options), cancellationToken).ConfigureAwait(false);
    }
}
