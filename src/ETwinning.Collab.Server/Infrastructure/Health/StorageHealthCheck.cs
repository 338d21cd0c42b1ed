using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ETwinning.Collab.Server.Infrastructure.Health;

/// <summary>Ready when the catalog file opens and answers a query.</summary>
internal sealed class StorageHealthCheck(DatabaseFiles files) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            files.Catalog.Read(db => db.GetCollectionNames().Count());
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception error)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The catalog database does not answer.", error));
        }
    }
}
