using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    public IReadOnlyList<TwinSpaceView> ListMyTwinSpaces([FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.ListMine(Caller);

    public Task<TwinSpaceView> CreateTwinSpace(CreateTwinSpaceRequest request, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.CreateAsync(Caller, request);

    [RequiresPermission(TwinSpaceAction.ViewTwinSpace)]
    public async Task<TwinSpaceSnapshot> JoinTwinSpace(string twinSpaceId, [FromServices] TwinSpaceService twinSpaces)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupNames.TwinSpace(twinSpaceId));
        if (presence.Join(twinSpaceId, Member.AccountId, Context.ConnectionId))
            await Clients.OthersInGroup(GroupNames.TwinSpace(twinSpaceId))
                .PresenceChanged(new PresenceEvent(twinSpaceId, Member.AccountId, Member.Membership.DisplayName, Online: true));
        return twinSpaces.Snapshot(Member);
    }

    public async Task LeaveTwinSpace(string twinSpaceId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupNames.TwinSpace(twinSpaceId));
        if (presence.Leave(twinSpaceId, Caller.AccountId, Context.ConnectionId))
            await Clients.Group(GroupNames.TwinSpace(twinSpaceId))
                .PresenceChanged(new PresenceEvent(twinSpaceId, Caller.AccountId, Caller.DisplayName, Online: false));
    }

    [RequiresPermission(TwinSpaceAction.EditTwinSpace)]
    public Task<TwinSpaceView> UpdateTwinSpace(string twinSpaceId, UpdateTwinSpaceRequest request, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.UpdateAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.InviteMembers)]
    public Task<InvitationView> CreateInvitation(string twinSpaceId, CreateInvitationRequest request, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.CreateInvitationAsync(Member, request);

    public Task<TwinSpaceView> AcceptInvitation(string token, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.AcceptInvitationAsync(Caller, token);

    [RequiresPermission(TwinSpaceAction.ChangeRoles)]
    public Task<MemberView> ChangeRole(string twinSpaceId, string accountId, TwinSpaceRole role, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.ChangeRoleAsync(Member, accountId, role);

    [RequiresPermission(TwinSpaceAction.RemoveMembers)]
    public Task RemoveMember(string twinSpaceId, string accountId, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.RemoveMemberAsync(Member, accountId);

    [RequiresPermission(TwinSpaceAction.CreatePupils)]
    public Task<IReadOnlyList<PupilCredentials>> CreatePupils(string twinSpaceId, CreatePupilsRequest request, [FromServices] PupilService pupils) =>
        pupils.CreatePupilsAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.ManagePupils)]
    public Task<PupilCredentials> ResetPupilPassword(string twinSpaceId, string accountId, [FromServices] PupilService pupils) =>
        pupils.ResetPasswordAsync(Member, accountId);

    [RequiresPermission(TwinSpaceAction.ManagePupils)]
    public Task<MemberView> SetPupilAdministrator(string twinSpaceId, string accountId, bool isAdministrator, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.SetPupilAdministratorAsync(Member, accountId, isAdministrator);

    [RequiresPermission(TwinSpaceAction.ArchiveTwinSpace)]
    public Task<TwinSpaceView> ArchiveTwinSpace(string twinSpaceId, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.ArchiveAsync(Member);

    [RequiresPermission(TwinSpaceAction.CloseTwinSpace)]
    public Task CloseTwinSpace(string twinSpaceId, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.CloseAsync(Member);

    [RequiresPermission(TwinSpaceAction.ViewAuditLog)]
    public Task<IReadOnlyList<AuditEntryView>> GetAuditLog(string twinSpaceId, AuditQuery? query, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.AuditLogAsync(Member, query);
}
