namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// One stretch of one account's presence in an event (a connection joined, then left). Reports add stretches up;
/// <see cref="Supervises"/> marks teachers of the TwinSpace, whose presence admits its pupils; <see cref="NodeId"/> lets a
/// stretch that a dead node could never end be found and ended.
/// </summary>
public sealed record LiveAttendance
{
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string AccountId { get; init; }
    public required string DisplayName { get; init; }
    public bool Supervises { get; init; }

    /// <summary>The node that holds the connection (null in stretches stored before nodes were recorded).</summary>
    public string? NodeId { get; init; }
    public DateTime JoinedAt { get; init; }
    public DateTime? LeftAt { get; init; }
}
