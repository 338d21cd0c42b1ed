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
    private readonly Lockout _lockout = new(store, options.Value, clock);

    public async Task<AccountView> RegisterTeacherAsync(RegisterTeacherRequest request, bool validated = false, CancellationToken cancellationToken = default)
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
        if (!await store.TryAddTeacherAsync(teacher, cancellationToken).ConfigureAwait(false))
            throw CollabException.Conflict("An account with this e-mail exists already.").WithKey("Account_EmailTaken");
        logger.LogInformation("Teacher account {AccountId} registered (validated: {Validated})", teacher.Id, teacher.IsValidated);
        return View(teacher);
    }

    public async Task<TokenPair> LoginTeacherAsync(LoginRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var email = (request.Email ?? "").Trim().ToLowerInvariant();
        var password = request.Password ?? "";
        if (email.Length is 0 or > TeacherRules.MaxEmailLength || password.Length is 0 or > TeacherRules.MaxPasswordLength)
            throw CollabException.Invalid("E-mail and password are required.").WithKey("Login_Required");

        var teacher = await store.FindTeacherByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        _lockout.ThrowIfLocked(teacher?.LockedUntil);
        if (teacher is null || !passwords.Verify(teacher.PasswordHash, password))
        {
            if (teacher is not null)
            {
                await _lockout.RecordFailureAsync(AccountKind.Teacher, teacher.Id).ConfigureAwait(false);
                logger.LogWarning("Failed login for teacher {AccountId}", teacher.Id);
            }
            throw CollabException.Unauthorized("E-mail or password is wrong.").WithKey("Login_Wrong");
        }
        if (!teacher.IsValidated)
            throw CollabException.Forbidden("Your account waits for validation by a platform administrator.").WithKey("Login_NotValidated");
        await _lockout.RecordSuccessAsync(AccountKind.Teacher, teacher.Id, cancellationToken).ConfigureAwait(false);
        return await tokens.IssueAsync(View(teacher), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Spends a refresh token for a new pair. Replaying a spent token revokes its whole chain.</summary>
    public async Task<TokenPair> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken = default)
    {
        var token = request?.RefreshToken ?? "";
        var record = token.Length is > 0 and <= 128 ? await store.FindRefreshTokenAsync(Ids.Hash(token), cancellationToken).ConfigureAwait(false) : null;
        if (record is null || record.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
            throw CollabException.Unauthorized("Sign in again.").WithKey("Login_Again");
        if (!await store.TrySpendRefreshTokenAsync(record.Id, cancellationToken).ConfigureAwait(false))
        {
            await store.RevokeRefreshFamilyAsync(record.Family, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("A spent refresh token of account {AccountId} was replayed; its chain is revoked", record.AccountId);
            throw CollabException.Unauthorized("Sign in again.").WithKey("Login_Again");
        }
        var account = await FindAccountAsync(record.AccountId, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.Unauthorized("Sign in again.").WithKey("Login_Again");
        return await tokens.IssueAsync(account, record.Family, cancellationToken).ConfigureAwait(false);
    }

    public async Task LogoutAsync(RefreshRequest request, CancellationToken cancellationToken = default)
    {
        var token = request?.RefreshToken ?? "";
        if (token.Length is 0 or > 128) return;
        var record = await store.FindRefreshTokenAsync(Ids.Hash(token), cancellationToken).ConfigureAwait(false);
        if (record is not null) await store.RevokeRefreshFamilyAsync(record.Family, cancellationToken).ConfigureAwait(false);
    }

    public async Task ValidateTeacherAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var teacher = await store.FindTeacherAsync(Require.Id(accountId, "accountId"), cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such teacher.").WithKey("Account_NoTeacher");
        await store.UpdateTeacherAsync(teacher with { IsValidated = true }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> IsPlatformAdminAsync(CallerIdentity caller, CancellationToken cancellationToken = default) =>
        !caller.IsPupil && await store.FindTeacherAsync(caller.AccountId, cancellationToken).ConfigureAwait(false) is { } teacher
        && _options.PlatformAdminEmails.Any(email => string.Equals(email.Trim(), teacher.Email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The account a token names, or null when it no longer exists (pupils of closed TwinSpaces are deleted).</summary>
    public async ValueTask<AccountView?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        await store.FindTeacherAsync(accountId, cancellationToken).ConfigureAwait(false) is { } teacher ? View(teacher)
        : await store.FindPupilAsync(accountId, cancellationToken).ConfigureAwait(false) is { } pupil ? PupilView(pupil)
        : null;

    public async ValueTask<bool> IsValidatedTeacherAsync(string accountId, CancellationToken cancellationToken = default) =>
        (await store.FindTeacherAsync(accountId, cancellationToken).ConfigureAwait(false))?.IsValidated == true;

    public static AccountView View(TeacherAccount teacher) =>
        new(teacher.Id, AccountKind.Teacher, teacher.DisplayName, teacher.Country, null);

    public static AccountView PupilView(PupilAccount pupil) =>
        new(pupil.Id, AccountKind.Pupil, pupil.Nickname, null, pupil.TwinSpaceId);
}
