using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    public Task<IReadOnlyList<TwinSpaceView>> ListMyTwinSpaces([FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.ListMineAsync(Caller);

    public Task<TwinSpaceView> CreateTwinSpace(CreateTwinSpaceRequest request, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.CreateAsync(Caller, request);

    /// <summary>Joins the TwinSpace's events (and presence); returns its state as of after the join.</summary>
    [RequiresPermission(TwinSpaceAction.ViewTwinSpace)]
    public async Task<TwinSpaceSnapshot> JoinTwinSpace(string twinSpaceId, [FromServices] TwinSpaceService twinSpaces)
    {
        await JoinAsync(ConnectionScope.TwinSpace(twinSpaceId));
        return await twinSpaces.SnapshotAsync(Member);
    }

    public Task LeaveTwinSpace(string twinSpaceId) => LeaveAsync(ConnectionScope.TwinSpace(twinSpaceId ?? ""));

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
    public IReadOnlyList<AuditEntryView> GetAuditLog(string twinSpaceId, AuditQuery? query, [FromServices] TwinSpaceService twinSpaces) =>
        twinSpaces.AuditLog(Member, query);
}
