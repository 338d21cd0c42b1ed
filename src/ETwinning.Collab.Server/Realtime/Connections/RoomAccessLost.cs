namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>Node message: these accounts may no longer see the room; their connections leave it, its session and its chat.</summary>
public sealed record RoomAccessLost(string TwinSpaceId, string RoomId, string ChatChannelId, IReadOnlyList<string> AccountIds);
