using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>Teacher accounts, teacher login and token refresh. Pupil login lives with the TwinSpaces (it needs a code).</summary>
public sealed class AccountService(
    IAccountStore store, Passwords passwords, TokenIssuer tokens, IOptions<AccountOptions> options, TimeProvider clock,
    ILogger<AccountService> logger)
{
    private readonly AccountOptions _options = options.Value;
    private readonly Lockout _lockout = new(options.Value, clock);

    public async Task<AccountView> RegisterTeacherAsync(RegisterTeacherRequest request, bool validated = false)
    {
        Require.NotNull(request, "request");
        var teacher = new TeacherAccount
        {
            Id = Ids.New(),
            Email = TeacherRules.Email(request.Email),
            DisplayName = Require.Text(request.DisplayName, "Display name", 1, TeacherRules.MaxDisplayNameLength),
            Country = TeacherRules.Country(request.Country),
            PasswordHash = passwords.Hash(TeacherRules.Password(request.Password, _options.MinTeacherPasswordLength)),
            IsValidated = validated || _options.AutoValidateTeachers,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (!await store.TryAddTeacherAsync(teacher).ConfigureAwait(false))
            throw CollabException.Conflict("An account with this e-mail exists already.");
        logger.LogInformation("Teacher account {AccountId} registered (validated: {Validated})", teacher.Id, teacher.IsValidated);
        return View(teacher);
    }

    public async Task<TokenPair> LoginTeacherAsync(LoginRequest request)
    {
        Require.NotNull(request, "request");
        var email = (request.Email ?? "").Trim().ToLowerInvariant();
        var password = request.Password ?? "";
        if (email.Length is 0 or > TeacherRules.MaxEmailLength || password.Length is 0 or > TeacherRules.MaxPasswordLength)
            throw CollabException.Invalid("E-mail and password are required.");

        var teacher = store.FindTeacherByEmail(email);
        _lockout.ThrowIfLocked(teacher?.LockedUntil);
        if (teacher is null || !passwords.Verify(teacher.PasswordHash, password))
        {
            if (teacher is not null)
            {
                var (failed, lockedUntil) = _lockout.AfterFailure(teacher.FailedLogins);
                await store.UpdateTeacherAsync(teacher with { FailedLogins = failed, LockedUntil = lockedUntil }).ConfigureAwait(false);
                logger.LogWarning("Failed login for teacher {AccountId}", teacher.Id);
            }
            throw CollabException.Unauthorized("E-mail or password is wrong.");
        }
        if (!teacher.IsValidated)
            throw CollabException.Forbidden("Your account waits for validation by a platform administrator.");
        if (teacher.FailedLogins > 0 || teacher.LockedUntil is not null)
            await store.UpdateTeacherAsync(teacher with { FailedLogins = 0, LockedUntil = null }).ConfigureAwait(false);
        return await tokens.IssueAsync(View(teacher)).ConfigureAwait(false);
    }

    /// <summary>Spends a refresh token for a new pair. Replaying a spent token revokes its whole chain.</summary>
    public async Task<TokenPair> RefreshAsync(RefreshRequest request)
    {
        var token = request?.RefreshToken ?? "";
        var record = token.Length is > 0 and <= 128 ? store.FindRefreshToken(Ids.Hash(token)) : null;
        if (record is null || record.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
            throw CollabException.Unauthorized("Sign in again.");
        if (!await store.TrySpendRefreshTokenAsync(record.Id).ConfigureAwait(false))
        {
            await store.RevokeRefreshFamilyAsync(record.Family).ConfigureAwait(false);
            logger.LogWarning("A spent refresh token of account {AccountId} was replayed; its chain is revoked", record.AccountId);
            throw CollabException.Unauthorized("Sign in again.");
        }
        var account = FindAccount(record.AccountId) ?? throw CollabException.Unauthorized("Sign in again.");
        return await tokens.IssueAsync(account, record.Family).ConfigureAwait(false);
    }

    public async Task LogoutAsync(RefreshRequest request)
    {
        var token = request?.RefreshToken ?? "";
        if (token.Length is 0 or > 128) return;
        var record = store.FindRefreshToken(Ids.Hash(token));
        if (record is not null) await store.RevokeRefreshFamilyAsync(record.Family).ConfigureAwait(false);
    }

    public async Task ValidateTeacherAsync(string accountId)
    {
        var teacher = store.FindTeacher(Require.Id(accountId, "accountId")) ?? throw CollabException.NotFound("No such teacher.");
        await store.UpdateTeacherAsync(teacher with { IsValidated = true }).ConfigureAwait(false);
    }

    public bool IsPlatformAdmin(CallerIdentity caller) =>
        !caller.IsPupil && store.FindTeacher(caller.AccountId) is { } teacher
        && _options.PlatformAdminEmails.Any(email => string.Equals(email.Trim(), teacher.Email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The account a token names, or null when it no longer exists (pupils of closed TwinSpaces are deleted).</summary>
    public AccountView? FindAccount(string accountId) =>
        store.FindTeacher(accountId) is { } teacher ? View(teacher)
        : store.FindPupil(accountId) is { } pupil ? PupilView(pupil)
        : null;

    public bool IsValidatedTeacher(string accountId) => store.FindTeacher(accountId)?.IsValidated == true;

    public static AccountView View(TeacherAccount teacher) =>
        new(teacher.Id, AccountKind.Teacher, teacher.DisplayName, teacher.Country, null);

    public static AccountView PupilView(PupilAccount pupil) =>
        new(pupil.Id, AccountKind.Pupil, pupil.Nickname, null, pupil.TwinSpaceId);
}
