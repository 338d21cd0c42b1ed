using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// Teacher and pupil accounts and refresh tokens: the catalog's account half. Account ids are unique across both
/// kinds. Every write is atomic on its own; reads see every write whose task has completed.
/// </summary>
public interface IAccountStore
{
    ValueTask<TeacherAccount?> FindTeacherAsync(string accountId, CancellationToken cancellationToken = default);
    /// <summary>By the lower-cased e-mail.</summary>
    ValueTask<TeacherAccount?> FindTeacherByEmailAsync(string email, CancellationToken cancellationToken = default);
    /// <summary>Inserts; false (and nothing stored) when the e-mail is taken, also by a concurrent insert.</summary>
    Task<bool> TryAddTeacherAsync(TeacherAccount teacher, CancellationToken cancellationToken = default);
    /// <summary>Replaces the whole record; nothing happens when it does not exist.</summary>
    Task UpdateTeacherAsync(TeacherAccount teacher, CancellationToken cancellationToken = default);

    ValueTask<PupilAccount?> FindPupilAsync(string accountId, CancellationToken cancellationToken = default);
    ValueTask<PupilAccount?> FindPupilByUsernameAsync(string twinSpaceId, string username, CancellationToken cancellationToken = default);
    ValueTask<bool> PupilUsernameExistsAsync(string twinSpaceId, string username, CancellationToken cancellationToken = default);
    /// <summary>
    /// Inserts all or none; false when a username is taken in its TwinSpace (by a stored pupil, a concurrent batch
    /// or twice within the batch). The same username in another TwinSpace is no clash.
    /// </summary>
    Task<bool> TryAddPupilsAsync(IReadOnlyList<PupilAccount> pupils, CancellationToken cancellationToken = default);
    /// <summary>Replaces the whole record; nothing happens when it does not exist.</summary>
    Task UpdatePupilAsync(PupilAccount pupil, CancellationToken cancellationToken = default);
    Task DeletePupilAsync(string accountId, CancellationToken cancellationToken = default);
    Task DeletePupilsOfTwinSpaceAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one wrong password, in one atomic step, so that failures arriving together are each counted: the
    /// count goes up by one; on reaching <paramref name="maxFailures"/> it starts again at 0 and the account is
    /// locked until <paramref name="lockUntil"/>. Returns the state after the step; null when there is no such account.
    /// </summary>
    Task<LoginAttempts?> RecordFailedLoginAsync(
        AccountKind kind, string accountId, int maxFailures, DateTime lockUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a right password, in one atomic step: unless the account is locked at <paramref name="now"/> (a lock
    /// set by failures that raced this login wins), the count goes back to 0 and the lock is lifted. Returns the state
    /// after the step (still locked when the login must be refused); null when there is no such account.
    /// </summary>
    Task<LoginAttempts?> RecordSuccessfulLoginAsync(
        AccountKind kind, string accountId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>By the token's hash.</summary>
    ValueTask<RefreshTokenRecord?> FindRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken = default);
    Task AddRefreshTokenAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default);
    /// <summary>Marks the token spent; false if it was spent already or is unknown. Of concurrent spends exactly one succeeds.</summary>
    Task<bool> TrySpendRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken = default);
    /// <summary>Deletes every token of the rotation chain; none of them can be found or spent afterwards.</summary>
    Task RevokeRefreshFamilyAsync(string family, CancellationToken cancellationToken = default);
    Task RevokeRefreshTokensOfAccountAsync(string accountId, CancellationToken cancellationToken = default);
}
