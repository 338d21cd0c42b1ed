namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>One breakout group: a sub-session whose participants signal only to each other.</summary>
public sealed record BreakoutGroup
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public List<string> AccountIds { get; init; } = [];
}
