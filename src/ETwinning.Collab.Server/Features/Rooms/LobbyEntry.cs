using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>Someone waiting to be let into a session, and the connection to tell.</summary>
public sealed record LobbyEntry
{
    public required string AccountId { get; init; }
    public required string DisplayName { get; init; }
    public required TwinSpaceRole Role { get; init; }
    public required string ConnectionId { get; init; }
    public required DateTime WaitingSince { get; init; }
}
