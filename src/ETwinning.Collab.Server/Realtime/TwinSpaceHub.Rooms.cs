using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.JoinRooms)]
    public Task<IReadOnlyList<RoomView>> ListRooms(string twinSpaceId, [FromServices] RoomService rooms) =>
        rooms.ListAsync(Member);

    [RequiresPermission(TwinSpaceAction.CreateRooms)]
    public Task<RoomView> CreateRoom(string twinSpaceId, CreateRoomRequest request, [FromServices] RoomService rooms) =>
        rooms.CreateAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.CreateRooms, ResourceRule.ManageRoom)]
    public Task<RoomView> UpdateRoom(string twinSpaceId, string roomId, UpdateRoomRequest request, [FromServices] RoomService rooms) =>
        rooms.UpdateAsync(Member, roomId, request);

    [RequiresPermission(TwinSpaceAction.CreateRooms, ResourceRule.ManageRoom)]
    public Task<RoomView> SetRoomArchived(string twinSpaceId, string roomId, bool archived, [FromServices] RoomService rooms) =>
        rooms.SetArchivedAsync(Member, roomId, archived);

    [RequiresPermission(TwinSpaceAction.CreateRooms, ResourceRule.ManageRoom)]
    public Task<RoomView> AddRoomMembers(string twinSpaceId, string roomId, IReadOnlyList<string> accountIds, [FromServices] RoomService rooms) =>
        rooms.AddMembersAsync(Member, roomId, accountIds);

    [RequiresPermission(TwinSpaceAction.CreateRooms, ResourceRule.ManageRoom)]
    public Task<RoomView> RemoveRoomMember(string twinSpaceId, string roomId, string accountId, [FromServices] RoomService rooms) =>
        rooms.RemoveMemberAsync(Member, roomId, accountId);

    /// <summary>Opens a room's view: its details and running session; the connection follows the session's status from now on.</summary>
    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public async Task<RoomDetails> OpenRoom(string twinSpaceId, string roomId, [FromServices] RoomService rooms, [FromServices] RoomSessionService sessions)
    {
        var room = await rooms.GetAsync(Member, roomId);
        return await JoinWhileReadingAsync(ConnectionScope.Room(twinSpaceId, room.Id), async () => new RoomDetails(room, await sessions.CurrentAsync(Member, room.Id)));
    }

    /// <summary>Closes the room's view; a connection in its session or lobby leaves them too.</summary>
    public Task CloseRoom(string twinSpaceId, string roomId) =>
        LeaveAsync(ConnectionScope.Room(twinSpaceId ?? "", roomId ?? ""));

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task<RoomSessionView> StartRoomSession(string twinSpaceId, string roomId, [FromServices] RoomSessionService sessions) =>
        sessions.StartAsync(Member, roomId);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task EndRoomSession(string twinSpaceId, string roomId, [FromServices] RoomSessionService sessions) =>
        sessions.EndAsync(Member, roomId, Context.ConnectionId);

    /// <summary>
    /// Enters the session (or its lobby). The connection joins the room and the session's group first, so no change
    /// falls between the answer and the group; a lobby guest leaves the session's group again.
    /// </summary>
    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public async Task<JoinRoomSessionResult> JoinRoomSession(string twinSpaceId, string roomId, [FromServices] RoomService rooms, [FromServices] RoomSessionService sessions)
    {
        var room = await rooms.RequireJoinableAsync(Member, roomId);
        await JoinAsync(ConnectionScope.Room(twinSpaceId, room.Id));
        var result = await JoinWhileReadingAsync(ConnectionScope.RoomSession(twinSpaceId, room.Id), () => sessions.JoinAsync(Member, room.Id, Context.ConnectionId));
        if (!result.Admitted) await LeaveAsync(ConnectionScope.RoomSession(twinSpaceId, room.Id));
        return result;
    }

    public Task LeaveRoomSession(string twinSpaceId, string roomId) =>
        LeaveAsync(ConnectionScope.RoomSession(twinSpaceId ?? "", roomId ?? ""));

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task AdmitToRoomSession(string twinSpaceId, string roomId, string accountId, [FromServices] RoomSessionService sessions) =>
        sessions.AdmitAsync(Member, roomId, Context.ConnectionId, accountId);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task DenyRoomSessionEntry(string twinSpaceId, string roomId, string accountId, [FromServices] RoomSessionService sessions) =>
        sessions.DenyAsync(Member, roomId, Context.ConnectionId, accountId);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task RaiseHand(string twinSpaceId, string roomId, [FromServices] RoomSessionService sessions) =>
        sessions.RaiseHandAsync(Member, roomId, Context.ConnectionId);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task LowerHand(string twinSpaceId, string roomId, string? accountId, [FromServices] RoomSessionService sessions) =>
        sessions.LowerHandAsync(Member, roomId, Context.ConnectionId, accountId);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task SetRoomMediaState(string twinSpaceId, string roomId, RoomMediaStateRequest request, [FromServices] RoomSessionService sessions) =>
        sessions.SetMediaAsync(Member, roomId, Context.ConnectionId, request);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task ModerateRoomParticipant(string twinSpaceId, string roomId, string accountId, RoomModeration action, [FromServices] RoomSessionService sessions) =>
        sessions.ModerateAsync(Member, roomId, Context.ConnectionId, accountId, action);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task LockRoomSession(string twinSpaceId, string roomId, bool locked, [FromServices] RoomSessionService sessions) =>
        sessions.LockAsync(Member, roomId, Context.ConnectionId, locked);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task SetRoomSessionTimer(string twinSpaceId, string roomId, int? minutes, [FromServices] RoomSessionService sessions) =>
        sessions.SetTimerAsync(Member, roomId, Context.ConnectionId, minutes);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task SendRtcSignal(string twinSpaceId, string roomId, RtcSignalRequest request, [FromServices] RoomSessionService sessions) =>
        sessions.SignalAsync(Member, roomId, Context.ConnectionId, request);

    [RequiresPermission(TwinSpaceAction.JoinRooms)]
    public IceServersView GetIceServers(string twinSpaceId, [FromServices] IceServers iceServers) =>
        iceServers.For(Member.AccountId);

    [RequiresPermission(TwinSpaceAction.HostRoomSessions, ResourceRule.JoinRoom)]
    public Task<IReadOnlyList<RoomSessionSummary>> GetRoomAttendance(string twinSpaceId, string roomId, [FromServices] RoomSessionService sessions) =>
        sessions.AttendanceAsync(Member, roomId);
}
