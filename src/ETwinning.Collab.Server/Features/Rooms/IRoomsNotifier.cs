using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>The events rooms and their sessions emit; Realtime delivers them over the hub.</summary>
public interface IRoomsNotifier
{
    Task RoomChangedAsync(RoomView room);

    /// <summary>To everyone who opened the room (lobby guests included): started, waiting for a teacher, live, ended.</summary>
    Task SessionStatusAsync(RoomSessionStatusEvent status);

    /// <summary>To the session's participants.</summary>
    Task SessionChangedAsync(RoomSessionView session);

    /// <summary>To one connection (on whichever node holds it).</summary>
    Task NoticeAsync(string connectionId, RoomSessionNoticeEvent notice);

    Task SignalAsync(string connectionId, RtcSignalEvent signal);

    /// <summary>Takes a removed participant's connection out of the session's group and scope, on every node.</summary>
    Task ParticipantRemovedAsync(string connectionId, string twinSpaceId, string roomId);
}
