using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>Accounts and refresh tokens in catalog.db.</summary>
public sealed class LiteDbAccountStore : IAccountStore
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

    public TeacherAccount? FindTeacher(string accountId) =>
        _catalog.Read(db => db.GetCollection<TeacherAccount>(Teachers).FindById(accountId));

    public TeacherAccount? FindTeacherByEmail(string email) =>
        _catalog.Read(db => db.GetCollection<TeacherAccount>(Teachers).FindOne(t => t.Email == email));

    public Task<bool> TryAddTeacherAsync(TeacherAccount teacher) => _catalog.WriteAsync(db =>
    {
        var teachers = db.GetCollection<TeacherAccount>(Teachers);
        if (teachers.Exists(t => t.Email == teacher.Email)) return false;
        teachers.Insert(teacher);
        return true;
    });

    public Task UpdateTeacherAsync(TeacherAccount teacher) =>
        _catalog.WriteAsync(db => db.GetCollection<TeacherAccount>(Teachers).Update(teacher));

    public PupilAccount? FindPupil(string accountId) =>
        _catalog.Read(db => db.GetCollection<PupilAccount>(Pupils).FindById(accountId));

    public PupilAccount? FindPupilByUsername(string twinSpaceId, string username)
    {
        var scoped = PupilAccount.Scope(twinSpaceId, username);
        return _catalog.Read(db => db.GetCollection<PupilAccount>(Pupils).FindOne(p => p.ScopedUsername == scoped));
    }

    public bool PupilUsernameExists(string twinSpaceId, string username)
    {
        var scoped = PupilAccount.Scope(twinSpaceId, username);
        return _catalog.Read(db => db.GetCollection<PupilAccount>(Pupils).Exists(p => p.ScopedUsername == scoped));
    }

    public Task<bool> TryAddPupilsAsync(IReadOnlyList<PupilAccount> pupils) => _catalog.WriteAsync(db =>
    {
        var collection = db.GetCollection<PupilAccount>(Pupils);
        foreach (var pupil in pupils)
            if (collection.Exists(p => p.ScopedUsername == pupil.ScopedUsername)) return false;
        collection.InsertBulk(pupils);
        return true;
    });

    public Task UpdatePupilAsync(PupilAccount pupil) =>
        _catalog.WriteAsync(db => db.GetCollection<PupilAccount>(Pupils).Update(pupil));

    public Task DeletePupilAsync(string accountId) =>
        _catalog.WriteAsync(db => db.GetCollection<PupilAccount>(Pupils).Delete(accountId));

    public Task DeletePupilsOfTwinSpaceAsync(string twinSpaceId) =>
        _catalog.WriteAsync(db => db.GetCollection<PupilAccount>(Pupils).DeleteMany(p => p.TwinSpaceId == twinSpaceId));

    public RefreshTokenRecord? FindRefreshToken(string tokenHash) =>
        _catalog.Read(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).FindById(tokenHash));

    public Task AddRefreshTokenAsync(RefreshTokenRecord token) =>
        _catalog.WriteAsync(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).Insert(token));

    public Task<bool> TrySpendRefreshTokenAsync(string tokenHash) => _catalog.WriteAsync(db =>
    {
        var tokens = db.GetCollection<RefreshTokenRecord>(RefreshTokens);
        var token = tokens.FindById(tokenHash);
        if (token is null || token.Spent) return false;
        return tokens.Update(token with { Spent = true });
    });

    public Task RevokeRefreshFamilyAsync(string family) =>
        _catalog.WriteAsync(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).DeleteMany(t => t.Family == family));

    public Task RevokeRefreshTokensOfAccountAsync(string accountId) =>
        _catalog.WriteAsync(db => db.GetCollection<RefreshTokenRecord>(RefreshTokens).DeleteMany(t => t.AccountId == accountId));
}
