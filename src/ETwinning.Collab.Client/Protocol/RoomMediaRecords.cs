namespace ETwinning.Collab.Client.Protocol;

/// <summary>How a session's media travels, decided when the session starts (see docs/rooms.md).</summary>
public enum RoomMediaMode
{
    /// <summary>Every participant connects to every other one; offers, answers and candidates go through <c>SendRtcSignal</c>.</summary>
    Mesh,
    /// <summary>
    /// Through the media server (an SFU): each participant publishes on one connection and subscribes to each other
    /// participant's feed on one connection each, negotiated through the hub (<c>PublishRoomMedia</c>, <c>SubscribeRoomMedia</c>,
    /// <c>SendRoomMediaSignal</c>); only media and ICE reach the media server.
    /// </summary>
    Sfu,
}

/// <summary>A session's media mode and, in SFU mode, who publishes a feed now (account ids).</summary>
public sealed record RoomMediaView(RoomMediaMode Mode, IReadOnlyList<string> Publishers);

/// <summary>A participant's feed is on the media server: subscribe to it (SFU mode). To the session's participants.</summary>
public sealed record RoomMediaPublishedEvent(string TwinSpaceId, string RoomId, string SessionId, string AccountId);
