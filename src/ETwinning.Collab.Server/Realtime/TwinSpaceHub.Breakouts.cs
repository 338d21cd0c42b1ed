using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task<BreakoutsView> OpenBreakouts(string twinSpaceId, string roomId, OpenBreakoutsRequest request, [FromServices] RoomSessionService sessions) =>
        sessions.OpenBreakoutsAsync(Member, roomId, Context.ConnectionId, request);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task CloseBreakouts(string twinSpaceId, string roomId, [FromServices] RoomSessionService sessions) =>
        sessions.CloseBreakoutsAsync(Member, roomId, Context.ConnectionId);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task VisitBreakout(string twinSpaceId, string roomId, string? groupId, [FromServices] RoomSessionService sessions) =>
        sessions.VisitBreakoutAsync(Member, roomId, Context.ConnectionId, groupId);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task SendBreakoutMessage(string twinSpaceId, string roomId, string text, [FromServices] RoomSessionService sessions) =>
        sessions.SendBreakoutMessageAsync(Member, roomId, Context.ConnectionId, text);
}
