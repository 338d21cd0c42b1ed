namespace ETwinning.Collab.Server.Features.Accounts;

public interface IAccountStore
{
    TeacherAccount? FindTeacher(string accountId);
    TeacherAccount? FindTeacherByEmail(string email);
    /// <summary>Inserts; false when the e-mail is taken.</summary>
    Task<bool> TryAddTeacherAsync(TeacherAccount teacher);
    Task UpdateTeacherAsync(TeacherAccount teacher);

    PupilAccount? FindPupil(string accountId);
    PupilAccount? FindPupilByUsername(string twinSpaceId, string username);
    bool PupilUsernameExists(string twinSpaceId, string username);
    /// <summary>Inserts all or none; false when a username is taken.</summary>
    Task<bool> TryAddPupilsAsync(IReadOnlyList<PupilAccount> pupils);
    Task UpdatePupilAsync(PupilAccount pupil);
    Task DeletePupilAsync(string accountId);
    Task DeletePupilsOfTwinSpaceAsync(string twinSpaceId);

    RefreshTokenRecord? FindRefreshToken(string tokenHash);
    Task AddRefreshTokenAsync(RefreshTokenRecord token);
    /// <summary>Marks the token spent; false if it was already spent (a replay).</summary>
    Task<bool> TrySpendRefreshTokenAsync(string tokenHash);
    Task RevokeRefreshFamilyAsync(string family);
    Task RevokeRefreshTokensOfAccountAsync(string accountId);
}
