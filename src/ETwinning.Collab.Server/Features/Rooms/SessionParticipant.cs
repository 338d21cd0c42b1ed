using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>One participant of a live session and the one connection they take part with.</summary>
public sealed record SessionParticipant
{
    public required string AccountId { get; init; }
    public required string DisplayName { get; init; }
    public required TwinSpaceRole Role { get; init; }
    public required bool IsModerator { get; init; }
    public required string ConnectionId { get; init; }
    public bool AudioOn { get; init; }
    public bool VideoOn { get; init; }
    public bool ScreenOn { get; init; }
    public bool CanShareScreen { get; init; }
    public required DateTime JoinedAt { get; init; }
}
