using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// The lockout rule shared by teacher and pupil logins: N failures in a row lock the account for a while, and a
/// locked account refuses even the right password. The counting happens in the store in one step per attempt, so
/// wrong passwords sent at once are each counted.
/// </summary>
public sealed class Lockout(IAccountStore store, AccountOptions options, TimeProvider clock)
{
    public void ThrowIfLocked(DateTime? lockedUntil)
    {
        if (lockedUntil is { } until && until > Now)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - Now).TotalMinutes));
            throw CollabException.RateLimited($"Too many wrong passwords. Try again in {minutes} minute(s).").WithKey("Login_LockedOut", minutes);
        }
    }

    /// <summary>
    /// Counts one wrong password for the account. Takes no token on purpose: a guesser who hangs up before the
    /// answer must still be counted.
    /// </summary>
    public Task RecordFailureAsync(AccountKind kind, string accountId) =>
        store.RecordFailedLoginAsync(kind, accountId, options.MaxFailedLogins, Now.AddMinutes(options.LockoutMinutes), CancellationToken.None);

    /// <summary>Clears the count after a right password, or refuses when failures racing this login locked the account.</summary>
    public async Task RecordSuccessAsync(AccountKind kind, string accountId, CancellationToken cancellationToken = default)
    {
        var attempts = await store.RecordSuccessfulLoginAsync(kind, accountId, Now, cancellationToken).ConfigureAwait(false);
        ThrowIfLocked(attempts?.LockedUntil);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
