namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>An account's failure count and lock as they stand after a login attempt was recorded.</summary>
/// <param name="FailedLogins">Wrong passwords in a row since the last success or lock.</param>
/// <param name="LockedUntil">Until when the account refuses every password, or null when it was never locked.</param>
public sealed record LoginAttempts(int FailedLogins, DateTime? LockedUntil);
