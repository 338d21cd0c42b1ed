namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// One account's vote or quiz answer. The store keeps at most one per (poll, account): that unique key, not memory,
/// is what makes a vote count once from two tabs, two nodes or a retry. <see cref="Points"/> is what a correct quiz
/// answer earns at this speed (counted once the answer is revealed).
/// </summary>
public sealed record LiveVote
{
    /// <summary><c>pollId:accountId</c>.</summary>
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string PollId { get; init; }
    public required string AccountId { get; init; }
    public required string ClientId { get; init; }
    public List<int> Choices { get; init; } = [];
    public DateTime At { get; init; }
    public int Points { get; init; }
    /// <summary>The voter's name as results show it; null when the poll keeps this voter anonymous.</summary>
    public string? VoterName { get; init; }

    public static string KeyOf(string pollId, string accountId) => $"{pollId}:{accountId}";
}
