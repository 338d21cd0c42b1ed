using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Cluster;

/// <summary>
/// How the nodes share presence and rate limits through Redis (only used with <c>Redis:ConnectionString</c>).
/// A node that dies without saying goodbye (kill -9, a lost network) drops out of presence at most
/// <see cref="NodeTimeoutSeconds"/> plus one <see cref="NodeHeartbeatSeconds"/> after its last heartbeat.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>How often a node tells Redis it is alive (and reaps nodes that stopped doing so).</summary>
    [Range(1, 300)] public int NodeHeartbeatSeconds { get; set; } = 5;

    /// <summary>How long after its last heartbeat a node counts as gone; must exceed the heartbeat period.</summary>
    [Range(2, 3_600)] public int NodeTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// How often a node sends the hub, chat and forum permits it granted to the cluster-wide buckets in Redis. Hub calls
    /// never wait for Redis: an account spread over several nodes can overshoot its budget by what those nodes grant
    /// within one such period, and the overshoot is then owed (the account waits it off).
    /// </summary>
    [Range(10, 10_000)] public int RateLimitSyncMilliseconds { get; set; } = 100;

    public bool IsValid => NodeTimeoutSeconds > NodeHeartbeatSeconds;
}
