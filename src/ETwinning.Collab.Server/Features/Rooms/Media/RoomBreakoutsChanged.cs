namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>Breakout groups of a session opened or changed on another node: this node ends its connections' subscriptions across groups.</summary>
public sealed record RoomBreakoutsChanged(string TwinSpaceId, string RoomId);
