using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ETwinning.Collab.Server.Infrastructure.Health;

/// <summary>Ready when the storage provider answers a query.</summary>
internal sealed class StorageHealthCheck(IStorageProbe storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy("The storage does not answer.", error);
        }
    }
}
