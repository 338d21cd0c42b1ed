using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// A poll or quiz question of an event. <see cref="Tally"/> and <see cref="Voters"/> belong to the store's vote
/// operation (counted in the write that stores a vote); the rest changes by compare-and-set on <see cref="Version"/>.
/// </summary>
public sealed record LivePoll
{
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public LivePollKind Kind { get; init; }
    public required string Question { get; init; }
    public List<string> Options { get; init; } = [];
    public bool AllowMultiple { get; init; }
    /// <summary>Whether voters are named in results: null (the default) names teachers and keeps pupils anonymous.</summary>
    public bool? Anonymous { get; init; }
    /// <summary>The quiz's correct option (kept from attendees until <see cref="Revealed"/>).</summary>
    public int? CorrectOption { get; init; }
    public bool Revealed { get; init; }
    public DateTime OpenedAt { get; init; }
    /// <summary>A quiz's timer: answers stamped after this are refused.</summary>
    public DateTime? ClosesAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public List<int> Tally { get; init; } = [];
    public int Voters { get; init; }
    public long Version { get; init; }

    /// <summary>True when a vote stamped <paramref name="at"/> may still count.</summary>
    public bool AcceptsVotesAt(DateTime at) => ClosedAt is null && (ClosesAt is null || at <= ClosesAt);
}
