using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>The lockout rule shared by teacher and pupil logins: N failures in a row lock the account for a while.</summary>
public sealed class Lockout(AccountOptions options, TimeProvider clock)
{
    public void ThrowIfLocked(DateTime? lockedUntil)
    {
        if (lockedUntil is { } until && until > Now)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - Now).TotalMinutes));
            throw CollabException.RateLimited($"Too many wrong passwords. Try again in {minutes} minute(s).");
        }
    }

    /// <summary>The failure count and lock time after one more wrong password.</summary>
    public (int FailedLogins, DateTime? LockedUntil) AfterFailure(int failedLogins)
    {
        var failures = failedLogins + 1;
        return failures >= options.MaxFailedLogins ? (0, Now.AddMinutes(options.LockoutMinutes)) : (failures, null);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
