using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// The per-account and per-TwinSpace layers of the login limits (<see cref="RateLimitOptions"/>); the per-address layer
/// is ASP.NET Core's rate limiter, which runs before the body is read. Keys are normalized the way logins are looked up
/// (case, spaces and dashes do not matter), so a guesser cannot get fresh permits by spelling a name differently.
/// Idle windows are dropped by the partitioned limiter, so random names cost no lasting memory.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _twinSpaces;

    public LoginThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _accounts = PerWindow(limits.LoginPermitsPerAccountPerMinute);
        _twinSpaces = PerWindow(limits.PupilLoginPermitsPerTwinSpacePerMinute);
    }

    /// <summary>Refuses (<c>rate_limited</c>) once the teacher account behind <paramref name="email"/> had its attempts this minute.</summary>
    public void DemandTeacher(string? email) => Demand(_accounts, "teacher:" + Key(email), "this account");

    /// <summary>Refuses once the pupil account, or the TwinSpace code over all its pupils, had its attempts this minute.</summary>
    public void DemandPupil(string? twinSpaceCode, string? username)
    {
        var code = Key(twinSpaceCode);
        Demand(_accounts, $"pupil:{code}/{Key(username)}", "this account");
        Demand(_twinSpaces, code, "this TwinSpace");
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _twinSpaces.Dispose();
    }

    private static void Demand(PartitionedRateLimiter<string> limiter, string key, string what)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired) throw CollabException.RateLimited($"Too many login attempts for {what}. Wait a minute and try again.");
    }

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
