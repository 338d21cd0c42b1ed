using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// Login limits come in three layers, in one-minute windows (per account and per TwinSpace counted over the cluster,
/// per address per node). Per client address: high enough for
/// a class behind one school router, low enough to stop one machine from hammering. Per account: what keeps guessing
/// one account slow whatever the address (the lockout comes on top). Per TwinSpace code, for pupils: what keeps
/// spraying one password over a class's usernames slow.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Login, registration and refresh requests per client address per minute (every login route together).</summary>
    [Range(1, 100_000)] public int LoginPermitsPerAddressPerMinute { get; set; } = 100;

    /// <summary>Login attempts for one account (a teacher's e-mail, a pupil's code and username) per minute, from anywhere.</summary>
    [Range(1, 100_000)] public int LoginPermitsPerAccountPerMinute { get; set; } = 5;

    /// <summary>Pupil login attempts with one TwinSpace code per minute, over all its usernames and addresses.</summary>
    [Range(1, 100_000)] public int PupilLoginPermitsPerTwinSpacePerMinute { get; set; } = 100;

    /// <summary>Sustained hub invocations per second per account (pupils get half).</summary>
    [Range(1, 10_000)] public int HubInvocationsPerSecond { get; set; } = 20;

    /// <summary>How many hub invocations an account may make in a burst.</summary>
    [Range(1, 100_000)] public int HubInvocationBurst { get; set; } = 40;

    /// <summary>
    /// Bytes per second of live-document updates (<c>SendPageUpdate</c>) per account (pupils get half). These
    /// calls do not count against <see cref="HubInvocationsPerSecond"/>: a Yjs update refused there would leave
    /// the page split until resent. Over this budget a call waits (backpressure) instead of failing.
    /// </summary>
    [Range(1_024, 100_000_000)] public int UpdateBytesPerSecond { get; set; } = 64 * 1024;

    /// <summary>Update bytes an account may send at once (a paste), and how much may wait for the budget.</summary>
    [Range(1_024, 100_000_000)] public int UpdateBurstBytes { get; set; } = 256 * 1024;

    /// <summary>What one update costs at least, so a flood of tiny updates is bounded in calls too.</summary>
    [Range(1, 1_000_000)] public int UpdateMinimumCostBytes { get; set; } = 256;
}
