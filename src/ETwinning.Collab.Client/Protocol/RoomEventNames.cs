namespace ETwinning.Collab.Client.Protocol;

/// <summary>The hub event names of rooms and their live sessions, one place for server and clients.</summary>
public static class RoomEventNames
{
    /// <summary>Event: <see cref="RoomChangedEvent"/>, to the room's members and the TwinSpace's teachers.</summary>
    public const string RoomChanged = nameof(RoomChanged);
    /// <summary>Event: <see cref="RoomRemovedEvent"/>, to members taken out of the room.</summary>
    public const string RoomRemoved = nameof(RoomRemoved);
    /// <summary>Event: <see cref="RoomSessionStatusEvent"/>, to everyone who opened the room.</summary>
    public const string RoomSessionStatus = nameof(RoomSessionStatus);
    /// <summary>Event: <see cref="RoomSessionChangedEvent"/>, to the session's participants.</summary>
    public const string RoomSessionChanged = nameof(RoomSessionChanged);
    /// <summary>Event: <see cref="RoomSessionNoticeEvent"/>, to one connection.</summary>
    public const string RoomSessionNotice = nameof(RoomSessionNotice);
    /// <summary>Event: <see cref="RoomBreakoutMessageEvent"/>, to the session's participants (every breakout group).</summary>
    public const string RoomBreakoutMessage = nameof(RoomBreakoutMessage);
    /// <summary>Event: <see cref="RtcSignalEvent"/>, to one participant's connection.</summary>
    public const string RtcSignal = nameof(RtcSignal);
    /// <summary>Event: <see cref="RoomMediaPublishedEvent"/>, to the session's participants (SFU mode).</summary>
    public const string RoomMediaPublished = nameof(RoomMediaPublished);
}
