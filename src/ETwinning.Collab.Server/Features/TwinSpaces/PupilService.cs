using System.Security.Cryptography;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>
/// Pupil logins: teachers create them in bulk for one TwinSpace and reset their passwords; pupils log in with
/// the TwinSpace code, their username and password, and get a token valid in that TwinSpace only.
/// </summary>
public sealed class PupilService(
    ITwinSpaceStore store, IAccountStore accounts, Passwords passwords, TokenIssuer tokens, TwinSpaceService twinSpaces,
    ITwinSpaceNotifier notifier, IOptions<TwinSpaceOptions> options, IOptions<AccountOptions> accountOptions,
    TimeProvider clock, ILogger<PupilService> logger)
{
    private readonly TwinSpaceOptions _options = options.Value;
    private readonly Lockout _lockout = new(accounts, accountOptions.Value, clock);

    public async Task<IReadOnlyList<PupilCredentials>> CreatePupilsAsync(MemberContext member, CreatePupilsRequest request, CancellationToken cancellationToken = default)
    {
        var nicknames = Require.NotNull(request?.Nicknames, "nicknames");
        if (nicknames.Count == 0) throw CollabException.Invalid("Give at least one nickname.").WithKey("Pupil_NeedNickname");
        if (nicknames.Count > _options.MaxPupilsPerRequest)
            throw CollabException.TooLarge($"At most {_options.MaxPupilsPerRequest} pupils at a time.").WithKey("Pupil_TooMany", _options.MaxPupilsPerRequest);
        var cleaned = nicknames.Select(n => Require.Text(n, "Nickname", 1, _options.MaxNicknameLength)).ToList();
        await twinSpaces.EnsureRoomForAsync(member.TwinSpaceId, cleaned.Count, cancellationToken).ConfigureAwait(false);

        var now = clock.GetUtcNow().UtcDateTime;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var created = new List<(PupilAccount Account, string Password)>();
        foreach (var nickname in cleaned)
        {
            var username = await NewUsernameAsync(member.TwinSpaceId, nickname, taken, cancellationToken).ConfigureAwait(false);
            var password = ReadableSecrets.Password();
            created.Add((new PupilAccount
            {
                Id = Ids.New(),
                TwinSpaceId = member.TwinSpaceId,
                Username = username,
                ScopedUsername = PupilAccount.Scope(member.TwinSpaceId, username),
                Nickname = nickname,
                PasswordHash = passwords.Hash(password),
                CreatedBy = member.AccountId,
                CreatedAt = now,
            }, password));
        }
        if (!await accounts.TryAddPupilsAsync(created.Select(c => c.Account).ToList(), cancellationToken).ConfigureAwait(false))
            throw CollabException.Conflict("A username was taken at the same moment; please try again.").WithKey("Pupil_UsernameRace");
        var memberships = created.Select(c => PupilMembership(c.Account, now)).ToList();
        await store.TryAddMembersAsync(memberships, cancellationToken).ConfigureAwait(false);
        await twinSpaces.AuditAsync(member, AuditActions.PupilsCreated, null, $"{created.Count} pupil(s)").ConfigureAwait(false);
        foreach (var membership in memberships)
            await notifier.MemberChangedAsync(new(member.TwinSpaceId, MemberChange.Joined, membership.View(false))).ConfigureAwait(false);
        return created.Select(c => new PupilCredentials(c.Account.Id, c.Account.Nickname, c.Account.Username, c.Password)).ToList();
    }

    /// <summary>A new password, shown once; also lifts a lockout and signs the pupil out everywhere.</summary>
    public async Task<PupilCredentials> ResetPasswordAsync(MemberContext member, string? accountId, CancellationToken cancellationToken = default)
    {
        var pupil = await accounts.FindPupilAsync(Require.Id(accountId, "accountId"), cancellationToken).ConfigureAwait(false);
        if (pupil is null || pupil.TwinSpaceId != member.TwinSpaceId) throw CollabException.NotFound("No such pupil in this TwinSpace.").WithKey("Pupil_NotInTwinSpace");
        var password = ReadableSecrets.Password();
        await accounts.UpdatePupilAsync(pupil with { PasswordHash = passwords.Hash(password), FailedLogins = 0, LockedUntil = null }, cancellationToken)
            .ConfigureAwait(false);
        await accounts.RevokeRefreshTokensOfAccountAsync(pupil.Id, cancellationToken).ConfigureAwait(false);
        await twinSpaces.AuditAsync(member, AuditActions.PupilPasswordReset, pupil.Id, pupil.Nickname).ConfigureAwait(false);
        return new PupilCredentials(pupil.Id, pupil.Nickname, pupil.Username, password);
    }

    public async Task<TokenPair> LoginAsync(PupilLoginRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var code = TwinSpaceCodes.Normalize(request.TwinSpaceCode);
        var username = (request.Username ?? "").Trim().ToLowerInvariant();
        var password = request.Password ?? "";
        if (code.Length != TwinSpaceCodes.Length || username.Length is 0 or > 64 || password.Length is 0 or > 128)
            throw CollabException.Invalid("TwinSpace code, username and password are required.").WithKey("Login_PupilRequired");

        var twinSpace = await store.FindByCodeAsync(code, cancellationToken).ConfigureAwait(false);
        var pupil = twinSpace is null || twinSpace.State == TwinSpaceState.Closed
            ? null : await accounts.FindPupilByUsernameAsync(twinSpace.Id, username, cancellationToken).ConfigureAwait(false);
        _lockout.ThrowIfLocked(pupil?.LockedUntil);
        if (pupil is null || !passwords.Verify(pupil.PasswordHash, password))
        {
            if (pupil is not null)
            {
                await _lockout.RecordFailureAsync(AccountKind.Pupil, pupil.Id).ConfigureAwait(false);
                logger.LogWarning("Failed login for pupil {AccountId}", pupil.Id);
            }
            throw CollabException.Unauthorized("Code, username or password is wrong. Ask your teacher if you forgot them.").WithKey("Login_PupilWrong");
        }
        await _lockout.RecordSuccessAsync(AccountKind.Pupil, pupil.Id, cancellationToken).ConfigureAwait(false);
        return await tokens.IssueAsync(AccountService.PupilView(pupil), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> NewUsernameAsync(string twinSpaceId, string nickname, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var stem = UsernameStems.From(nickname);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = $"{stem}{RandomNumberGenerator.GetInt32(10, attempt < 20 ? 100 : 1000)}";
            if (!taken.Contains(candidate) && !await accounts.PupilUsernameExistsAsync(twinSpaceId, candidate, cancellationToken).ConfigureAwait(false))
            {
                taken.Add(candidate);
                return candidate;
            }
        }
        throw CollabException.Conflict("Could not find a free username; try a different nickname.").WithKey("Pupil_NoFreeUsername");
    }

    private static Membership PupilMembership(PupilAccount pupil, DateTime now) => new()
    {
        Id = Membership.KeyOf(pupil.TwinSpaceId, pupil.Id),
        TwinSpaceId = pupil.TwinSpaceId,
        AccountId = pupil.Id,
        Role = TwinSpaceRole.Pupil,
        Kind = AccountKind.Pupil,
        DisplayName = pupil.Nickname,
        JoinedAt = now,
    };
}
