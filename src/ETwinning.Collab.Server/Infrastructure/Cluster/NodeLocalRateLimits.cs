namespace ETwinning.Collab.Server.Infrastructure.Cluster;

/// <summary>One node without Redis: its own limiters already see every request, so the cluster adds nothing.</summary>
public sealed class NodeLocalRateLimits : IClusterRateLimits
{
    public bool Allows(ClusterBudget budget, string key) => true;

    public ValueTask<bool> TryCountAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(true);
}
