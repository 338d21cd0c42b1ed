using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>A room was created, changed or archived.</summary>
    public event Action<RoomChangedEvent>? RoomChanged;

    /// <summary>This account was taken out of a room: drop it.</summary>
    public event Action<RoomRemovedEvent>? RoomRemoved;

    /// <summary>A session of an opened room started, got (or lost) its teacher, or ended.</summary>
    public event Action<RoomSessionStatusEvent>? RoomSessionStatus;

    /// <summary>The session this connection takes part in changed (the whole new state).</summary>
    public event Action<RoomSessionChangedEvent>? RoomSessionChanged;

    /// <summary>A notice for this connection: admitted, denied, removed, muted...</summary>
    public event Action<RoomSessionNoticeEvent>? RoomSessionNotice;

    /// <summary>A WebRTC signalling message from another participant.</summary>
    public event Action<RtcSignalEvent>? RtcSignal;

    /// <summary>A teacher's message to every breakout group of the session.</summary>
    public event Action<RoomBreakoutMessageEvent>? RoomBreakoutMessage;

    /// <summary>The rooms the caller may enter.</summary>
    public Task<IReadOnlyList<RoomView>> ListRoomsAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<RoomView>>("ListRooms", twinSpaceId);

    /// <summary>Creates a room (teachers); the caller is its first member.</summary>
    public Task<RoomView> CreateRoomAsync(string twinSpaceId, string title, string? description = null, int? capacity = null, IReadOnlyList<string>? memberIds = null) =>
        InvokeAsync<RoomView>("CreateRoom", twinSpaceId, new CreateRoomRequest(title, description, capacity, memberIds));

    /// <summary>Changes a room's title, description and capacity.</summary>
    public Task<RoomView> UpdateRoomAsync(string twinSpaceId, string roomId, string title, string? description, int capacity) =>
        InvokeAsync<RoomView>("UpdateRoom", twinSpaceId, roomId, new UpdateRoomRequest(title, description, capacity));

    /// <summary>Archives or restores a room.</summary>
    public Task<RoomView> SetRoomArchivedAsync(string twinSpaceId, string roomId, bool archived) =>
        InvokeAsync<RoomView>("SetRoomArchived", twinSpaceId, roomId, archived);

    /// <summary>Adds members to a room.</summary>
    public Task<RoomView> AddRoomMembersAsync(string twinSpaceId, string roomId, params string[] accountIds) =>
        InvokeAsync<RoomView>("AddRoomMembers", twinSpaceId, roomId, accountIds);

    /// <summary>Removes a member from a room.</summary>
    public Task<RoomView> RemoveRoomMemberAsync(string twinSpaceId, string roomId, string accountId) =>
        InvokeAsync<RoomView>("RemoveRoomMember", twinSpaceId, roomId, accountId);

    /// <summary>Opens a room's view; its session's status events follow.</summary>
    public Task<RoomDetails> OpenRoomAsync(string twinSpaceId, string roomId) =>
        InvokeAsync<RoomDetails>("OpenRoom", twinSpaceId, roomId);

    /// <summary>Closes a room's view (and leaves its session or lobby).</summary>
    public Task CloseRoomAsync(string twinSpaceId, string roomId) => InvokeAsync("CloseRoom", twinSpaceId, roomId);

    /// <summary>Starts a live session (teachers).</summary>
    public Task<RoomSessionView> StartRoomSessionAsync(string twinSpaceId, string roomId) =>
        InvokeAsync<RoomSessionView>("StartRoomSession", twinSpaceId, roomId);

    /// <summary>Ends the live session for everyone (teachers).</summary>
    public Task EndRoomSessionAsync(string twinSpaceId, string roomId) => InvokeAsync("EndRoomSession", twinSpaceId, roomId);

    /// <summary>Enters the session, or waits in its lobby.</summary>
    public Task<JoinRoomSessionResult> JoinRoomSessionAsync(string twinSpaceId, string roomId) =>
        InvokeAsync<JoinRoomSessionResult>("JoinRoomSession", twinSpaceId, roomId);

    /// <summary>Leaves the session.</summary>
    public Task LeaveRoomSessionAsync(string twinSpaceId, string roomId) => InvokeAsync("LeaveRoomSession", twinSpaceId, roomId);

    /// <summary>Lets someone in from the lobby (teachers in the session).</summary>
    public Task AdmitToRoomSessionAsync(string twinSpaceId, string roomId, string accountId) =>
        InvokeAsync("AdmitToRoomSession", twinSpaceId, roomId, accountId);

    /// <summary>Turns someone away from the lobby (teachers in the session).</summary>
    public Task DenyRoomSessionEntryAsync(string twinSpaceId, string roomId, string accountId) =>
        InvokeAsync("DenyRoomSessionEntry", twinSpaceId, roomId, accountId);

    /// <summary>Raises the caller's hand.</summary>
    public Task RaiseHandAsync(string twinSpaceId, string roomId) => InvokeAsync("RaiseHand", twinSpaceId, roomId);

    /// <summary>Lowers the caller's hand, or (teachers) someone else's.</summary>
    public Task LowerHandAsync(string twinSpaceId, string roomId, string? accountId = null) => InvokeAsync("LowerHand", twinSpaceId, roomId, accountId);

    /// <summary>Announces the caller's microphone, camera and screen share state.</summary>
    public Task SetRoomMediaStateAsync(string twinSpaceId, string roomId, bool audioOn, bool videoOn, bool screenOn) =>
        InvokeAsync("SetRoomMediaState", twinSpaceId, roomId, new RoomMediaStateRequest(audioOn, videoOn, screenOn));

    /// <summary>A moderator action on one participant (teachers in the session).</summary>
    public Task ModerateRoomParticipantAsync(string twinSpaceId, string roomId, string accountId, RoomModeration action) =>
        InvokeAsync("ModerateRoomParticipant", twinSpaceId, roomId, accountId, action);

    /// <summary>Locks or unlocks the session (teachers in the session).</summary>
    public Task LockRoomSessionAsync(string twinSpaceId, string roomId, bool locked) => InvokeAsync("LockRoomSession", twinSpaceId, roomId, locked);

    /// <summary>Announces the session's end in <paramref name="minutes"/> (null clears it).</summary>
    public Task SetRoomSessionTimerAsync(string twinSpaceId, string roomId, int? minutes) => InvokeAsync("SetRoomSessionTimer", twinSpaceId, roomId, minutes);

    /// <summary>Sends an offer, answer or ICE candidate to another participant of the session.</summary>
    public Task SendRtcSignalAsync(string twinSpaceId, string roomId, string toAccountId, RtcSignalKind kind, string payload) =>
        InvokeAsync("SendRtcSignal", twinSpaceId, roomId, new RtcSignalRequest(toAccountId, kind, payload));

    /// <summary>The ICE servers (with short-lived TURN credentials) for <c>RTCPeerConnection</c>.</summary>
    public Task<IceServersView> GetIceServersAsync(string twinSpaceId) => InvokeAsync<IceServersView>("GetIceServers", twinSpaceId);

    /// <summary>Attendance of the room's running and ended sessions (teachers).</summary>
    public Task<IReadOnlyList<RoomSessionSummary>> GetRoomAttendanceAsync(string twinSpaceId, string roomId) =>
        InvokeAsync<IReadOnlyList<RoomSessionSummary>>("GetRoomAttendance", twinSpaceId, roomId);

    /// <summary>Splits the session into random (<paramref name="groupCount"/>) or chosen (<paramref name="groups"/>) breakout groups (teachers).</summary>
    public Task<BreakoutsView> OpenBreakoutsAsync(
        string twinSpaceId, string roomId, int? groupCount = null, IReadOnlyList<BreakoutGroupRequest>? groups = null, int? minutes = null) =>
        InvokeAsync<BreakoutsView>("OpenBreakouts", twinSpaceId, roomId, new OpenBreakoutsRequest(groupCount, groups, minutes));

    /// <summary>Calls everyone back to the main session (teachers).</summary>
    public Task CloseBreakoutsAsync(string twinSpaceId, string roomId) => InvokeAsync("CloseBreakouts", twinSpaceId, roomId);

    /// <summary>A teacher goes into a breakout group, or back to the main session with null.</summary>
    public Task VisitBreakoutAsync(string twinSpaceId, string roomId, string? groupId) => InvokeAsync("VisitBreakout", twinSpaceId, roomId, groupId);

    /// <summary>Sends a message to every breakout group at once (teachers).</summary>
    public Task SendBreakoutMessageAsync(string twinSpaceId, string roomId, string text) => InvokeAsync("SendBreakoutMessage", twinSpaceId, roomId, text);

    private void RegisterRoomEvents()
    {
        Hub.On<RoomChangedEvent>(RoomEventNames.RoomChanged, e => RoomChanged?.Invoke(e));
        Hub.On<RoomRemovedEvent>(RoomEventNames.RoomRemoved, e => RoomRemoved?.Invoke(e));
        Hub.On<RoomSessionStatusEvent>(RoomEventNames.RoomSessionStatus, e => RoomSessionStatus?.Invoke(e));
        Hub.On<RoomSessionChangedEvent>(RoomEventNames.RoomSessionChanged, e => RoomSessionChanged?.Invoke(e));
        Hub.On<RoomSessionNoticeEvent>(RoomEventNames.RoomSessionNotice, e => RoomSessionNotice?.Invoke(e));
        Hub.On<RtcSignalEvent>(RoomEventNames.RtcSignal, e => RtcSignal?.Invoke(e));
        Hub.On<RoomBreakoutMessageEvent>(RoomEventNames.RoomBreakoutMessage, e => RoomBreakoutMessage?.Invoke(e));
    }
}
