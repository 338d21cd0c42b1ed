using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>
/// TwinSpaces, their members, invitations and lifecycle. Callers arrive already checked against the permission
/// matrix (a <see cref="MemberContext"/>); what remains here are the rules about the target (founders, kinds of role).
/// </summary>
public sealed class TwinSpaceService(
    ITwinSpaceStore store, IAccountStore accounts, IAuditLog audit,
    ITwinSpaceNotifier notifier, IPresence presence, IOptions<TwinSpaceOptions> options, TimeProvider clock)
{
    private static readonly TwinSpaceRole[] TeacherRoles =
        [TwinSpaceRole.TeacherAdministrator, TwinSpaceRole.Teacher, TwinSpaceRole.Expert, TwinSpaceRole.Observer];
    private static readonly TwinSpaceRole[] PupilRoles = [TwinSpaceRole.PupilAdministrator, TwinSpaceRole.Pupil];
    private readonly TwinSpaceOptions _options = options.Value;

    public async Task<IReadOnlyList<TwinSpaceView>> ListMineAsync(CallerIdentity caller, CancellationToken cancellationToken = default) =>
        (await store.TwinSpacesOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false))
            .Where(pair => pair.TwinSpace.State != TwinSpaceState.Closed)
            .OrderByDescending(pair => pair.TwinSpace.CreatedAt)
            .Select(pair => pair.TwinSpace.View(pair.Membership.Role))
            .ToList();

    public async Task<TwinSpaceView> CreateAsync(CallerIdentity caller, CreateTwinSpaceRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var teacher = await RequireValidatedTeacherAsync(caller, cancellationToken).ConfigureAwait(false);
        var now = Now;
        var twinSpace = new TwinSpace
        {
            Id = Ids.New(),
            Code = await NewUniqueCodeAsync(cancellationToken).ConfigureAwait(false),
            Title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength),
            Description = Require.MultilineText(request.Description, "Description", _options.MaxDescriptionLength),
            CreatedBy = teacher.Id,
            CreatedAt = now,
        };
        var founder = TeacherMembership(twinSpace.Id, teacher, TwinSpaceRole.TeacherAdministrator, now) with { IsFounder = true };
        await store.AddAsync(twinSpace, founder, cancellationToken).ConfigureAwait(false);
        await AuditAsync(twinSpace.Id, caller, AuditActions.TwinSpaceCreated, null, twinSpace.Title).ConfigureAwait(false);
        return twinSpace.View(founder.Role);
    }

    public async Task<TwinSpaceSnapshot> SnapshotAsync(MemberContext member, CancellationToken cancellationToken = default) =>
        new(member.TwinSpace.View(member.Membership.Role), await MembersAsync(member, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<MemberView>> MembersAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        var online = await presence.OnlineAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        return (await store.MembersAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false))
            .OrderBy(m => m.Kind).ThenBy(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(m => m.View(online.Contains(m.AccountId)))
            .ToList();
    }

    public async Task<TwinSpaceView> UpdateAsync(MemberContext member, UpdateTwinSpaceRequest request)
    {
        Require.NotNull(request, "request");
        var updated = member.TwinSpace with
        {
            Title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength),
            Description = Require.MultilineText(request.Description, "Description", _options.MaxDescriptionLength),
        };
        await store.UpdateAsync(updated).ConfigureAwait(false);
        await AuditAsync(member, AuditActions.TwinSpaceUpdated, null, updated.Title).ConfigureAwait(false);
        await notifier.TwinSpaceChangedAsync(updated.View(null)).ConfigureAwait(false);
        return updated.View(member.Membership.Role);
    }

    public async Task<InvitationView> CreateInvitationAsync(MemberContext member, CreateInvitationRequest request)
    {
        Require.NotNull(request, "request");
        if (!TeacherRoles.Contains(request.Role))
            throw CollabException.Invalid("Invitations are for teacher and guest roles; pupils are created, not invited.").WithKey("TwinSpace_InviteRoles");
        var token = Ids.Secret();
        var invitation = new Invitation
        {
            Id = Ids.Hash(token),
            TwinSpaceId = member.TwinSpaceId,
            Role = request.Role,
            CreatedBy = member.AccountId,
            ExpiresAt = Now.AddDays(_options.InvitationDays),
        };
        await store.AddInvitationAsync(invitation).ConfigureAwait(false);
        await AuditAsync(member, AuditActions.InvitationCreated, null, request.Role.ToString()).ConfigureAwait(false);
        return new InvitationView(token, member.TwinSpaceId, invitation.Role, invitation.ExpiresAt);
    }

    public async Task<TwinSpaceView> AcceptInvitationAsync(CallerIdentity caller, string? token, CancellationToken cancellationToken = default)
    {
        var teacher = await RequireValidatedTeacherAsync(caller, cancellationToken).ConfigureAwait(false);
        var invitation = token is { Length: > 0 and <= 128 }
            ? await store.FindInvitationAsync(Ids.Hash(token), cancellationToken).ConfigureAwait(false) : null;
        var twinSpace = invitation is null ? null : await store.FindAsync(invitation.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        if (invitation is null || twinSpace is null || invitation.AcceptedBy is not null || invitation.ExpiresAt <= Now
            || twinSpace.State == TwinSpaceState.Closed)
            throw CollabException.NotFound("This invitation is unknown, expired or used already.").WithKey("TwinSpace_InvitationUnknown");
        if (twinSpace.State == TwinSpaceState.Archived)
            throw CollabException.ReadOnly("This TwinSpace is archived: it takes no new members.").WithKey("TwinSpace_ArchivedNoMembers");
        if (await store.FindMembershipAsync(twinSpace.Id, teacher.Id, cancellationToken).ConfigureAwait(false) is not null)
            throw CollabException.Conflict("You are a member of this TwinSpace already.").WithKey("TwinSpace_AlreadyMember");
        await EnsureRoomForAsync(twinSpace.Id, 1, cancellationToken).ConfigureAwait(false);
        var membership = TeacherMembership(twinSpace.Id, teacher, invitation.Role, Now);
        if (!await store.TryAcceptInvitationAsync(invitation.Id, membership, cancellationToken).ConfigureAwait(false))
            throw CollabException.NotFound("This invitation is unknown, expired or used already.").WithKey("TwinSpace_InvitationUnknown");
        await AuditAsync(twinSpace.Id, caller, AuditActions.MemberJoined, teacher.Id, invitation.Role.ToString()).ConfigureAwait(false);
        await notifier.MemberChangedAsync(new(twinSpace.Id, MemberChange.Joined, membership.View(false))).ConfigureAwait(false);
        return twinSpace.View(membership.Role);
    }

    /// <summary>Teacher members move between teacher roles, pupils between pupil roles; founders never move.</summary>
    public async Task<MemberView> ChangeRoleAsync(MemberContext member, string? accountId, TwinSpaceRole role)
    {
        var target = await FindMemberAsync(member, accountId).ConfigureAwait(false);
        var allowed = target.Kind == AccountKind.Pupil ? PupilRoles : TeacherRoles;
        if (!allowed.Contains(role))
            throw target.Kind == AccountKind.Pupil
                ? CollabException.Invalid("Pupils can be pupils or pupil administrators.").WithKey("Role_PupilRoles")
                : CollabException.Invalid("Teachers and guests cannot get a pupil role.").WithKey("Role_TeacherRoles");
        return await SetRoleAsync(member, target, role).ConfigureAwait(false);
    }

    /// <summary>Promotes a pupil to pupil administrator or back; teachers may do this, not only administrators.</summary>
    public async Task<MemberView> SetPupilAdministratorAsync(MemberContext member, string? accountId, bool isAdministrator)
    {
        var target = await FindMemberAsync(member, accountId).ConfigureAwait(false);
        if (target.Kind != AccountKind.Pupil) throw CollabException.Invalid("Only pupils can be pupil administrators.").WithKey("Role_OnlyPupilsAdmins");
        return await SetRoleAsync(member, target, isAdministrator ? TwinSpaceRole.PupilAdministrator : TwinSpaceRole.Pupil).ConfigureAwait(false);
    }

    public async Task RemoveMemberAsync(MemberContext member, string? accountId)
    {
        var target = await FindMemberAsync(member, accountId).ConfigureAwait(false);
        if (target.IsFounder) throw CollabException.Conflict("Founders cannot be removed.").WithKey("Member_FounderNotRemoved");
        await store.RemoveMembershipAsync(member.TwinSpaceId, target.AccountId).ConfigureAwait(false);
        // A pupil account exists only for this TwinSpace: removing the member removes the login (least data).
        if (target.Kind == AccountKind.Pupil) await accounts.DeletePupilAsync(target.AccountId).ConfigureAwait(false);
        await accounts.RevokeRefreshTokensOfAccountAsync(target.AccountId).ConfigureAwait(false);
        await AuditAsync(member, AuditActions.MemberRemoved, target.AccountId, target.DisplayName).ConfigureAwait(false);
        await notifier.MemberChangedAsync(new(member.TwinSpaceId, MemberChange.Removed, target.View(false))).ConfigureAwait(false);
        await notifier.AccessRevokedAsync(member.TwinSpaceId, target.AccountId, "You were removed from this TwinSpace.").ConfigureAwait(false);
    }

    public async Task<TwinSpaceView> ArchiveAsync(MemberContext member)
    {
        if (member.TwinSpace.State != TwinSpaceState.Open) throw CollabException.Conflict("Only an open TwinSpace can be archived.").WithKey("TwinSpace_OnlyOpenArchived");
        var archived = member.TwinSpace with { State = TwinSpaceState.Archived, ArchivedAt = Now };
        await store.UpdateAsync(archived).ConfigureAwait(false);
        await AuditAsync(member, AuditActions.TwinSpaceArchived, null, "").ConfigureAwait(false);
        await notifier.TwinSpaceChangedAsync(archived.View(null)).ConfigureAwait(false);
        return archived.View(member.Membership.Role);
    }

    /// <summary>Closes the TwinSpace for good: members lose access and pupil logins are deleted.</summary>
    public async Task CloseAsync(MemberContext member)
    {
        var closed = member.TwinSpace with { State = TwinSpaceState.Closed, ClosedAt = Now };
        await store.UpdateAsync(closed).ConfigureAwait(false);
        await AuditAsync(member, AuditActions.TwinSpaceClosed, null, "").ConfigureAwait(false);
        foreach (var pupil in (await store.MembersAsync(member.TwinSpaceId).ConfigureAwait(false)).Where(m => m.Kind == AccountKind.Pupil))
            await accounts.RevokeRefreshTokensOfAccountAsync(pupil.AccountId).ConfigureAwait(false);
        await accounts.DeletePupilsOfTwinSpaceAsync(member.TwinSpaceId).ConfigureAwait(false);
        await store.RemoveMembershipsWhereAsync(member.TwinSpaceId, AccountKind.Pupil).ConfigureAwait(false);
        await notifier.TwinSpaceChangedAsync(closed.View(null)).ConfigureAwait(false);
        await notifier.TwinSpaceClosedAsync(member.TwinSpaceId).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntryView>> AuditLogAsync(MemberContext member, AuditQuery? query, CancellationToken cancellationToken = default) =>
        (await audit.ReadAsync(member.TwinSpaceId, query?.BeforeSequence, Math.Clamp(query?.Limit ?? 50, 1, 200), cancellationToken).ConfigureAwait(false))
            .Select(e => new AuditEntryView(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.TargetId, e.Detail))
            .ToList();

    internal async Task EnsureRoomForAsync(string twinSpaceId, int newMembers, CancellationToken cancellationToken = default)
    {
        if (await store.CountMembersAsync(twinSpaceId, cancellationToken).ConfigureAwait(false) + newMembers > _options.MaxMembers)
            throw CollabException.Conflict($"A TwinSpace can have at most {_options.MaxMembers} members.").WithKey("TwinSpace_MaxMembers", _options.MaxMembers);
    }

    internal Task AuditAsync(MemberContext member, string action, string? targetId, string detail) =>
        AuditAsync(member.TwinSpaceId, member.Caller, action, targetId, detail);

    private Task AuditAsync(string twinSpaceId, CallerIdentity caller, string action, string? targetId, string detail) =>
        audit.AppendAsync(twinSpaceId, AuditEntry.Of(Now, caller.AccountId, caller.DisplayName, action, targetId, detail));

    private async Task<MemberView> SetRoleAsync(MemberContext member, Membership target, TwinSpaceRole role)
    {
        if (target.IsFounder) throw CollabException.Conflict("A founder's role cannot be changed.").WithKey("Role_FounderFixed");
        var updated = await store.SetRoleAsync(target.TwinSpaceId, target.AccountId, role).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member in this TwinSpace.").WithKey("Member_NotInTwinSpace");
        await AuditAsync(member, AuditActions.RoleChanged, target.AccountId, $"{target.Role} -> {role}").ConfigureAwait(false);
        var view = updated.View((await presence.OnlineAsync(updated.TwinSpaceId).ConfigureAwait(false)).Contains(updated.AccountId));
        await notifier.MemberChangedAsync(new(member.TwinSpaceId, MemberChange.Updated, view)).ConfigureAwait(false);
        return view;
    }

    private async Task<Membership> FindMemberAsync(MemberContext member, string? accountId) =>
        await store.FindMembershipAsync(member.TwinSpaceId, Require.Id(accountId, "accountId")).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member in this TwinSpace.").WithKey("Member_NotInTwinSpace");

    private async Task<TeacherAccount> RequireValidatedTeacherAsync(CallerIdentity caller, CancellationToken cancellationToken)
    {
        if (caller.IsPupil) throw CollabException.Forbidden("Pupil logins cannot do this.").WithKey("Account_PupilCannot");
        var teacher = await accounts.FindTeacherAsync(caller.AccountId, cancellationToken).ConfigureAwait(false) ?? throw CollabException.Unauthorized("Sign in again.").WithKey("Login_Again");
        return teacher.IsValidated ? teacher : throw CollabException.Forbidden("Your account waits for validation.").WithKey("Account_AwaitsValidation");
    }

    private async Task<string> NewUniqueCodeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = TwinSpaceCodes.New();
            if (await store.FindByCodeAsync(code, cancellationToken).ConfigureAwait(false) is null) return code;
        }
        throw new InvalidOperationException("Could not find a free TwinSpace code.");
    }

    private static Membership TeacherMembership(string twinSpaceId, TeacherAccount teacher, TwinSpaceRole role, DateTime now) => new()
    {
        Id = Membership.KeyOf(twinSpaceId, teacher.Id),
        TwinSpaceId = twinSpaceId,
        AccountId = teacher.Id,
        Role = role,
        Kind = AccountKind.Teacher,
        DisplayName = teacher.DisplayName,
        Country = teacher.Country,
        JoinedAt = now,
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
