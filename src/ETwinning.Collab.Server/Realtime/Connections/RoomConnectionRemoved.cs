namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>Node message: this connection was removed from a room's session; the node that holds it takes it out.</summary>
public sealed record RoomConnectionRemoved(string ConnectionId, string TwinSpaceId, string RoomId);
