namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>The media room of one live session (of a room of a TwinSpace); <see cref="Capacity"/> bounds its publishers.</summary>
public sealed record MediaRoom(string TwinSpaceId, string RoomId, string SessionId, int Capacity);
