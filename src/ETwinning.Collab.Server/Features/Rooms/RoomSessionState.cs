using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// The whole live state of one room's session, as every node reads it from <see cref="IRoomSessionStates"/> (Redis in
/// a cluster). Only <see cref="RoomSessionMachine"/> makes a new one; <see cref="Version"/> is what compare-and-set
/// compares, so two nodes changing the session at once cannot both win.
/// </summary>
public sealed record RoomSessionState
{
    public required string SessionId { get; init; }
    public required string TwinSpaceId { get; init; }
    public required string RoomId { get; init; }
    public required string StartedBy { get; init; }
    public required DateTime StartedAt { get; init; }
    public required int Capacity { get; init; }
    public DateTime? EndsAt { get; init; }
    public bool Locked { get; init; }
    public bool Ended { get; init; }
    public List<SessionParticipant> Participants { get; init; } = [];
    public List<LobbyEntry> Lobby { get; init; } = [];
    /// <summary>Raised hands in the order they went up.</summary>
    public List<string> RaisedHands { get; init; } = [];
    /// <summary>Let in from the lobby, not yet joined (their client joins on the Admitted notice).</summary>
    public List<string> Admitted { get; init; } = [];
    /// <summary>Removed by a moderator: they cannot join this session again.</summary>
    public List<string> Removed { get; init; } = [];
    public List<AttendanceInterval> Attendance { get; init; } = [];
    /// <summary>The open breakout groups, if a teacher split the session.</summary>
    public BreakoutRound? Breakouts { get; init; }
    /// <summary>When a teacher last sent a message to every breakout group (they are rate limited across nodes).</summary>
    public DateTime? LastBreakoutMessageAt { get; init; }
    public long Version { get; init; }

    public RoomSessionPhase Phase =>
        Ended ? RoomSessionPhase.Ended : Participants.Any(p => p.IsModerator) ? RoomSessionPhase.Live : RoomSessionPhase.WaitingForTeacher;
}
