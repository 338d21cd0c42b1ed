using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Audit;

public static class AuditExtensions
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IAuditLog, LiteDbAuditLog>();
        builder.Services.AddTwinSpaceCollections(LiteDbAuditLog.Collections);
        return builder;
    }
}
