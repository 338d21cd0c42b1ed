namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>One stay of one participant in a session; <see cref="LeftAt"/> is null while they are in.</summary>
public sealed record AttendanceInterval
{
    public required string AccountId { get; init; }
    public required string DisplayName { get; init; }
    public required DateTime JoinedAt { get; init; }
    public DateTime? LeftAt { get; init; }

    /// <summary>Whole minutes spent, counting a stay that is still going on until <paramref name="now"/>.</summary>
    public int MinutesUntil(DateTime now) => (int)Math.Floor(((LeftAt ?? now) - JoinedAt).TotalMinutes);
}
