namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>An ended live session of a room with its attendance, kept for the attendance export.</summary>
public sealed record RoomSessionRecord
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required string RoomId { get; init; }
    public required string StartedBy { get; init; }
    public required DateTime StartedAt { get; init; }
    public required DateTime EndedAt { get; init; }
    public List<AttendanceInterval> Attendance { get; init; } = [];
}
