namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>A raised hand in an event's queue.</summary>
public sealed record LiveHand
{
    public required string AccountId { get; init; }
    public required string DisplayName { get; init; }
    public DateTime RaisedAt { get; init; }
}
