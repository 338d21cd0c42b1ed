using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// The per-account and per-TwinSpace layers of the login limits (<see cref="RateLimitOptions"/>); the per-address layer
/// is ASP.NET Core's rate limiter, which runs before the body is read. Keys are normalized the way logins are looked up
/// (case, spaces and dashes do not matter), so a guesser cannot get fresh permits by spelling a name differently.
/// Idle windows are dropped by the partitioned limiter, so random names cost no lasting memory. Each attempt this node
/// lets through is then counted over the cluster (<see cref="IClusterRateLimits.TryCountAsync"/>, exact, one Redis round
/// trip), so guesses spread over several nodes share one allowance.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _twinSpaces;
    private readonly IClusterRateLimits _cluster;
    private readonly int _accountPermits;
    private readonly int _twinSpacePermits;

    public LoginThrottle(IOptions<RateLimitOptions> options, IClusterRateLimits cluster)
    {
        var limits = options.Value;
        _cluster = cluster;
        _accountPermits = limits.LoginPermitsPerAccountPerMinute;
        _twinSpacePermits = limits.PupilLoginPermitsPerTwinSpacePerMinute;
        _accounts = PerWindow(_accountPermits);
        _twinSpaces = PerWindow(_twinSpacePermits);
    }

    /// <summary>Refuses (<c>rate_limited</c>) once the teacher account behind <paramref name="email"/> had its attempts this minute.</summary>
    public Task DemandTeacherAsync(string? email, CancellationToken cancellationToken = default) =>
        DemandAsync(_accounts, _accountPermits, "teacher:" + Key(email), perTwinSpace: false, cancellationToken);

    /// <summary>Refuses once the pupil account, or the TwinSpace code over all its pupils, had its attempts this minute.</summary>
    public async Task DemandPupilAsync(string? twinSpaceCode, string? username, CancellationToken cancellationToken = default)
    {
        var code = Key(twinSpaceCode);
        await DemandAsync(_accounts, _accountPermits, $"pupil:{code}/{Key(username)}", perTwinSpace: false, cancellationToken).ConfigureAwait(false);
        await DemandAsync(_twinSpaces, _twinSpacePermits, "code:" + code, perTwinSpace: true, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _twinSpaces.Dispose();
    }

    private async Task DemandAsync(PartitionedRateLimiter<string> limiter, int permits, string key, bool perTwinSpace, CancellationToken cancellationToken)
    {
        using (var lease = limiter.AttemptAcquire(key))
            if (!lease.IsAcquired) throw Refusal(perTwinSpace);
        if (!await _cluster.TryCountAsync("login:" + key, permits, Window, cancellationToken).ConfigureAwait(false)) throw Refusal(perTwinSpace);
    }

    private static CollabException Refusal(bool perTwinSpace) => perTwinSpace
        ? CollabException.RateLimited("Too many login attempts for this TwinSpace. Wait a minute and try again.").WithKey("RateLimit_LoginTwinSpace")
        : CollabException.RateLimited("Too many login attempts for this account. Wait a minute and try again.").WithKey("RateLimit_LoginAccount");

    private static string Key(string? value) =>
        new((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    private static PartitionedRateLimiter<string> PerWindow(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        }));
}
