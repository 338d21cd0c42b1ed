using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>A notice the machine wants delivered to one connection once its new state is stored.</summary>
public sealed record SessionNotice(string ConnectionId, RoomSessionNotice Notice);
