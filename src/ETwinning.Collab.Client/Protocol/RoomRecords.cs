namespace ETwinning.Collab.Client.Protocol;

/// <summary>
/// A room: a micro-group of a TwinSpace with its own chat channel (<see cref="ChatChannelId"/>), forum (discussions
/// whose <c>roomId</c> is this room's id) and file archive (the folder <see cref="MaterialCollectionId"/>).
/// </summary>
public sealed record RoomView(
    string Id, string TwinSpaceId, string Title, string Description, int Capacity, bool IsArchived,
    IReadOnlyList<RoomMemberView> Members, string ChatChannelId, string MaterialCollectionId,
    string CreatedBy, DateTime CreatedAt, bool SessionLive);

/// <summary>A member of a room with their role in the TwinSpace.</summary>
public sealed record RoomMemberView(string AccountId, string DisplayName, TwinSpaceRole Role);

/// <summary>Creates a room; <see cref="Capacity"/> null takes the default (25). The creator is its first member.</summary>
public sealed record CreateRoomRequest(string Title, string? Description, int? Capacity, IReadOnlyList<string>? MemberIds);

/// <summary>Changes a room's title, description and capacity.</summary>
public sealed record UpdateRoomRequest(string Title, string? Description, int Capacity);

/// <summary>Where a live session stands.</summary>
public enum RoomSessionPhase
{
    /// <summary>Started, but no teacher is in: pupils wait in the lobby ("wait for a teacher").</summary>
    WaitingForTeacher,
    /// <summary>At least one teacher is in.</summary>
    Live,
    /// <summary>A teacher ended it.</summary>
    Ended,
}

/// <summary>
/// A live session as every participant sees it. <see cref="StartedAt"/> drives the session timer;
/// <see cref="EndsAt"/> is the end a teacher announced, if any. Everyone in the session sees the lobby (the
/// TwinSpace's members know each other), so moderators on any node see who waits.
/// </summary>
public sealed record RoomSessionView(
    string SessionId, string TwinSpaceId, string RoomId, RoomSessionPhase Phase, bool Locked, DateTime StartedAt, DateTime? EndsAt,
    IReadOnlyList<SessionParticipantView> Participants, IReadOnlyList<string> RaisedHands,
    IReadOnlyList<LobbyEntryView> Lobby, long Version, BreakoutsView? Breakouts = null);

/// <summary>One participant: what the others show on their tile.</summary>
public sealed record SessionParticipantView(
    string AccountId, string DisplayName, TwinSpaceRole Role, bool IsModerator, bool AudioOn, bool VideoOn, bool ScreenOn,
    bool CanShareScreen, DateTime JoinedAt);

/// <summary>Someone waiting in the lobby.</summary>
public sealed record LobbyEntryView(string AccountId, string DisplayName, TwinSpaceRole Role, DateTime WaitingSince);

/// <summary>Opening a room: the room and, when one runs, its session.</summary>
public sealed record RoomDetails(RoomView Room, RoomSessionView? Session);

/// <summary>What joining a session did: <see cref="Admitted"/> with the session, or a place in the lobby.</summary>
public sealed record JoinRoomSessionResult(bool Admitted, bool WaitingForTeacher, RoomSessionView? Session);

/// <summary>A moderator's action on one participant.</summary>
public enum RoomModeration
{
    /// <summary>Asks the participant to turn their microphone on (they decide).</summary>
    AskToUnmute,
    /// <summary>Turns their microphone off.</summary>
    Mute,
    /// <summary>Turns their camera off.</summary>
    StopVideo,
    /// <summary>Takes them out of the session; they cannot join it again.</summary>
    Remove,
    /// <summary>Lets a participant who is not a teacher share their screen.</summary>
    AllowScreenShare,
    /// <summary>Takes screen sharing away again (and stops a running share).</summary>
    DisallowScreenShare,
}

/// <summary>A participant turns their own microphone, camera or screen share on or off.</summary>
public sealed record RoomMediaStateRequest(bool AudioOn, bool VideoOn, bool ScreenOn);

/// <summary>The kinds of WebRTC signalling message the hub relays.</summary>
public enum RtcSignalKind
{
    /// <summary>An SDP offer.</summary>
    Offer,
    /// <summary>An SDP answer.</summary>
    Answer,
    /// <summary>An ICE candidate (JSON of <c>RTCIceCandidateInit</c>).</summary>
    Candidate,
}

/// <summary>A signalling message to one participant of the same session: an SDP (offer, answer) or an ICE candidate (JSON).</summary>
public sealed record RtcSignalRequest(string ToAccountId, RtcSignalKind Kind, string Payload);

/// <summary>A signalling message from another participant of the session.</summary>
public sealed record RtcSignalEvent(string TwinSpaceId, string RoomId, string SessionId, string FromAccountId, RtcSignalKind Kind, string Payload);

/// <summary>One ICE server entry as <c>RTCPeerConnection</c> takes it.</summary>
public sealed record IceServerView(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>The ICE servers to use; TURN credentials are valid until <see cref="ExpiresAt"/>.</summary>
public sealed record IceServersView(IReadOnlyList<IceServerView> IceServers, DateTime ExpiresAt);

/// <summary>A session changed (joined, left, hand raised, moderated, locked...): the whole new state.</summary>
public sealed record RoomSessionChangedEvent(RoomSessionView Session);

/// <summary>A session started or ended in a room, to everyone who opened the room.</summary>
public sealed record RoomSessionStatusEvent(string TwinSpaceId, string RoomId, string SessionId, RoomSessionPhase Phase);

/// <summary>
/// To one participant or lobby guest: admitted, denied, removed, muted, video stopped, asked to unmute. Admitted
/// clients call <c>JoinRoomSession</c> again to enter.
/// </summary>
public sealed record RoomSessionNoticeEvent(string TwinSpaceId, string RoomId, string SessionId, RoomSessionNotice Notice);

/// <summary>What a <see cref="RoomSessionNoticeEvent"/> tells its one recipient.</summary>
public enum RoomSessionNotice
{
    /// <summary>A moderator let them in from the lobby.</summary>
    Admitted,
    /// <summary>A moderator turned them away from the lobby.</summary>
    Denied,
    /// <summary>A moderator took them out of the session.</summary>
    Removed,
    /// <summary>A moderator turned their microphone off.</summary>
    Muted,
    /// <summary>A moderator turned their camera off.</summary>
    VideoStopped,
    /// <summary>A moderator asks them to turn their microphone on.</summary>
    AskedToUnmute,
    /// <summary>Their screen share was stopped (sharing is no longer allowed).</summary>
    ScreenShareStopped,
}

/// <summary>A room was created, changed or archived.</summary>
public sealed record RoomChangedEvent(RoomView Room);

/// <summary>The receiver was taken out of a room and may no longer see it (no title: they drop it from their list).</summary>
public sealed record RoomRemovedEvent(string TwinSpaceId, string RoomId);

/// <summary>One attendance interval of an ended or running session.</summary>
public sealed record AttendanceView(string AccountId, string DisplayName, DateTime JoinedAt, DateTime? LeftAt, int Minutes);

/// <summary>A past or running session of a room.</summary>
public sealed record RoomSessionSummary(string SessionId, string RoomId, DateTime StartedAt, DateTime? EndedAt, string StartedBy, IReadOnlyList<AttendanceView> Attendance);
