using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// Accounts and refresh tokens in catalog.db. Reads run on the caller's thread (LiteDB reads are synchronous and
/// short); writes, the login counters included, go through the file's single writer, which makes each one atomic.
/// </summary>
public sealed partial class LiteDbAccountStore : IAccountStore
{
    private const string Teachers = "teachers";
    private const string Pupils = "pupils";
    private const string RefreshTokens = "refresh_tokens";
    private readonly DocumentDatabase _catalog;

    public LiteDbAccountStore(DatabaseFiles files)
    {
        _catalog = files.Catalog;
        _catalog.WriteAsync(db =>
        {
            db.GetCollection<TeacherAccount>(Teachers).EnsureIndex(t => t.Email, unique: true);
            db.GetCollection<PupilAccount>(Pupils).EnsureIndex(p => p.ScopedUsername, unique: true);
            db.GetCollection<PupilAccount>(Pupils).EnsureIndex(p => p.TwinSpaceId);
            db.GetCollection<RefreshTokenRecord>(RefreshTokens).EnsureIndex(t => t.Family);
            db.GetCollection<RefreshTokenRecord>(RefreshTokens).EnsureIndex(t => t.AccountId);
        }).GetAwaiter().GetResult();
    }

    public ValueTask<TeacherAccount?> FindTeacherAsync(string accountId, CancellationToken cancellationToken = default) =>
        Read<TeacherAccount?>(db => db.GetCollection<TeacherAccount>(Teachers).FindById(accountId), cancellationToken);

    public ValueTask<TeacherAccount?> FindTeacherByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Read<TeacherAccount?>(db => db.GetCollection<TeacherAccount>(Teachers).FindOne(t => t.Email == email), cancellationToken);

    public Task<bool> TryAddTeacherAsync(TeacherAccount teacher, CancellationToken cancellationToken = default) => Write(db =>
    {
        var teachers = db.GetCollection<TeacherAccount>(Teachers);
        if (teachers.Exists(t => t.Email == teacher.Email)) return false;
        teachers.Insert(teacher);
        return true;
    }, cancellationToken);

    public Task UpdateTeacherAsync(TeacherAccount teacher, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<TeacherAccount>(Teachers).Update(teacher), cancellationToken);

    public ValueTask<PupilAccount?> FindPupilAsync(string accountId, CancellationToken cancellationToken = default) =>
        Read<PupilAccount?>(db => db.GetCollection<PupilAccount>(Pupils).FindById(accountId), cancellationToken);

    public ValueTask<PupilAccount?> FindPupilByUsernameAsync(string twinSpaceId, string username, CancellationToken cancellationToken = default)
    {
        var scoped = PupilAccount.Scope(twinSpaceId, username);
        return Read<PupilAccount?>(db => db.GetCollection<PupilAccount>(Pupils).FindOne(p => p.ScopedUsername == scoped), cancellationToken);
    }

    public ValueTask<bool> PupilUsernameExistsAsync(string twinSpaceId, string username, CancellationToken cancellationToken = default)
    {
        var scoped = PupilAccount.Scope(twinSpaceId, username);
        return Read(db => db.GetCollection<PupilAccount>(Pupils).Exists(p => p.ScopedUsername == scoped), cancellationToken);
    }

    public Task<bool> TryAddPupilsAsync(IReadOnlyList<PupilAccount> pupils, CancellationToken cancellationToken = default) => Write(db =>
    {
        var collection = db.GetCollection<PupilAccount>(Pupils);
        if (pupils.Select(p => p.ScopedUsername).Distinct(StringComparer.Ordinal).Count() != pupils.Count) return false;
        foreach (var pupil in pupils)
            if (collection.Exists(p => p.ScopedUsername == pupil.ScopedUsername)) return false;
        collection.InsertBulk(pupils);
        return true;
    }, cancellationToken);

    public Task UpdatePupilAsync(PupilAccount pupil, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<PupilAccount>(Pupils).Update(pupil), cancellationToken);

    public Task DeletePupilAsync(string accountId, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<PupilAccount>(Pupils).Delete(accountId), cancellationToken);

    public Task DeletePupilsOfTwinSpaceAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<PupilAccount>(Pupils).DeleteMany(p => p.TwinSpaceId == twinSpaceId), cancellationToken);

    public Task<LoginAttempts?> RecordFailedLoginAsync(
        AccountKind kind, string accountId, int maxFailures, DateTime lockUntil, CancellationToken cancellationToken = default) =>
        UpdateAttempts(kind, accountId, current =>
        {
            var failures = current.FailedLogins + 1;
            return failures >= maxFailures ? new LoginAttempts(0, lockUntil) : current with { FailedLogins = failures };
        }, cancellationToken);

    public Task<LoginAttempts?> RecordSuccessfulLoginAsync(
        AccountKind kind, string accountId, DateTime now, CancellationToken cancellationToken = default) =>
        UpdateAttempts(kind, accountId, current => current.LockedUntil > now ? current : new LoginAttempts(0, null), cancellationToken);

    public ValueTask<RefreshTokenRecord?> FindRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Read<RefreshTokenRecord?>(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).FindById(tokenHash), cancellationToken);

    public Task AddRefreshTokenAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).Insert(token), cancellationToken);

    public Task<bool> TrySpendRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken = default) => Write(db =>
    {
        var tokens = db.GetCollection<RefreshTokenRecord>(RefreshTokens);
        var token = tokens.FindById(tokenHash);
        if (token is null || token.Spent) return false;
        return tokens.Update(token with { Spent = true });
    }, cancellationToken);

    public Task RevokeRefreshFamilyAsync(string family, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).DeleteMany(t => t.Family == family), cancellationToken);

    public Task RevokeRefreshTokensOfAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).DeleteMany(t => t.AccountId == accountId), cancellationToken);

    /// <summary>Reads the counters and writes them back inside the one writer, so no other write comes between.</summary>
    private Task<LoginAttempts?> UpdateAttempts(
        AccountKind kind, string accountId, Func<LoginAttempts, LoginAttempts> next, CancellationToken cancellationToken) => Write(db =>
    {
        if (kind == AccountKind.Pupil)
        {
            var pupils = db.GetCollection<PupilAccount>(Pupils);
            if (pupils.FindById(accountId) is not { } pupil) return null;
            var attempts = next(new LoginAttempts(pupil.FailedLogins, pupil.LockedUntil));
            pupils.Update(pupil with { FailedLogins = attempts.FailedLogins, LockedUntil = attempts.LockedUntil });
            return attempts;
        }
        var teachers = db.GetCollection<TeacherAccount>(Teachers);
        if (teachers.FindById(accountId) is not { } teacher) return null;
        var after = next(new LoginAttempts(teacher.FailedLogins, teacher.LockedUntil));
        teachers.Update(teacher with { FailedLogins = after.FailedLogins, LockedUntil = after.LockedUntil });
        return after;
    }, cancellationToken);

    private ValueTask<T> Read<T>(Func<LiteDatabase, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_catalog.Read(read));
    }

    private Task<T> Write<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _catalog.WriteAsync(write);
    }
}
