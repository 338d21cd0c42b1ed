namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>A participant of a session on the connection they joined with (a reconnect is a new feed).</summary>
public sealed record MediaParticipant(string AccountId, string ConnectionId);
