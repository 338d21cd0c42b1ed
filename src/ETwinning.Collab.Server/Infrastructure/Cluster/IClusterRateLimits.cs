namespace ETwinning.Collab.Server.Infrastructure.Cluster;

/// <summary>
/// Rate limits counted over every node, on top of each node's own limiter (which stays the first and cheapest check).
/// One node alone: nothing to add (<see cref="NodeLocalRateLimits"/>). With Redis: <see cref="RedisRateLimits"/>.
/// </summary>
public interface IClusterRateLimits
{
    /// <summary>
    /// For hot paths (hub calls, chat, forum): answers from this node's memory, never waiting for Redis. False while the
    /// cluster-wide <paramref name="budget"/> of <paramref name="key"/> is known to be spent; true otherwise, and the
    /// permit is counted towards the shared bucket in the background.
    /// </summary>
    bool Allows(ClusterBudget budget, string key);

    /// <summary>
    /// Exact (one Redis round trip): counts an attempt in a fixed window shared by every node; false once the window
    /// holds more than <paramref name="permits"/>. For logins, where precision matters more than a millisecond.
    /// </summary>
    ValueTask<bool> TryCountAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default);
}
