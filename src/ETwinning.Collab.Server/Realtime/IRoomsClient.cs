using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of rooms and their live sessions (see docs/protocol.md; names in <see cref="RoomEventNames"/>).</summary>
public interface IRoomsClient
{
    Task RoomChanged(RoomChangedEvent change);
    Task RoomRemoved(RoomRemovedEvent removal);
    Task RoomSessionStatus(RoomSessionStatusEvent status);
    Task RoomSessionChanged(RoomSessionChangedEvent change);
    Task RoomSessionNotice(RoomSessionNoticeEvent notice);
    Task RtcSignal(RtcSignalEvent signal);
    Task RoomBreakoutMessage(RoomBreakoutMessageEvent message);
    Task RoomMediaPublished(RoomMediaPublishedEvent published);
}
