using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Export;

public static class ExportExtensions
{
    public static IHostApplicationBuilder AddExport(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ExportService>();
        return builder;
    }

    public static WebApplication MapExportApi(this WebApplication app)
    {
        app.MapGet("/api/twinspaces/{twinSpaceId}/export", (HttpContext http, CurrentMember member, ExportService export, CancellationToken cancellationToken) =>
                export.WriteAsync(member.Value, http, cancellationToken))
            .RequirePermission(TwinSpaceAction.ExportTwinSpace);
        return app;
    }
}
