namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Breakout groups open in a session: who is in which group until everyone is called back (by a teacher, or when
/// <see cref="EndsAt"/> passes). A participant in no group is in the main session.
/// </summary>
public sealed record BreakoutRound
{
    public required string Id { get; init; }
    public required DateTime OpenedAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public List<BreakoutGroup> Groups { get; init; } = [];

    /// <summary>The group the account is in, or null (the main session).</summary>
    public BreakoutGroup? GroupOf(string accountId) => Groups.Find(group => group.AccountIds.Contains(accountId));

    /// <summary>Whether the two are in different groups (or one in a group, the other in the main session): they neither hear nor see each other.</summary>
    public bool Separates(string accountId, string otherAccountId) => GroupOf(accountId)?.Id != GroupOf(otherAccountId)?.Id;
}
