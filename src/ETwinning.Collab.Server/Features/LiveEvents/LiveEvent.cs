using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// A webinar or live quiz of one TwinSpace. The seat counters (<see cref="RegisteredCount"/>, <see cref="WaitlistCount"/>,
/// <see cref="LastWaitlistPosition"/>) belong to the store's registration operations and <see cref="SupervisorsPresent"/> to
/// its attendance operations; every other field changes by compare-and-set on <see cref="Version"/>.
/// </summary>
public sealed record LiveEvent
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required DateTime StartsAt { get; init; }
    public required int DurationMinutes { get; init; }
    /// <summary>IANA zone the event was planned in (calendar files show the time there).</summary>
    public required string TimeZone { get; init; }
    public required int Capacity { get; init; }
    public LiveEventAudience Audience { get; init; }
    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public List<string> HostIds { get; init; } = [];
    public List<string> CoHostIds { get; init; } = [];
    public List<string> PresenterIds { get; init; } = [];
    public LiveEventState State { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }
    /// <summary>Raised hands, oldest first.</summary>
    public List<LiveHand> Hands { get; init; } = [];
    public int RegisteredCount { get; init; }
    public int WaitlistCount { get; init; }
    /// <summary>The waiting list position last given out; positions only grow, so order is arrival order.</summary>
    public long LastWaitlistPosition { get; init; }
    /// <summary>
    /// Supervising teachers in the event now (open attendance stretches that supervise), kept by the store's attendance
    /// operations in the same write as the stretch: whether pupils are admitted is then a field of the event, the same on every node.
    /// </summary>
    public int SupervisorsPresent { get; init; }
    public long Version { get; init; }
}
