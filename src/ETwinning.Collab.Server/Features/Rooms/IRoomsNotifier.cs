using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>The events rooms and their sessions emit; Realtime delivers them over the hub.</summary>
public interface IRoomsNotifier
{
    /// <summary>To the accounts that may see the room (<see cref="RoomVisibility.AudienceOf"/>), on every node.</summary>
    Task RoomChangedAsync(RoomView room, IReadOnlyList<string> audience);

    /// <summary>
    /// These accounts may no longer see the room: they are told it is gone (without its title), and their connections
    /// leave the room, its session and its chat channel on every node.
    /// </summary>
    Task AccessLostAsync(RoomView room, IReadOnlyList<string> accountIds);

    /// <summary>To everyone who opened the room (lobby guests included): started, waiting for a teacher, live, ended.</summary>
    Task SessionStatusAsync(RoomSessionStatusEvent status);

    /// <summary>To the session's participants.</summary>
    Task SessionChangedAsync(RoomSessionView session);

    /// <summary>A teacher's message to every breakout group: to the session's participants.</summary>
    Task BreakoutMessageAsync(RoomBreakoutMessageEvent message);

    /// <summary>To one connection (on whichever node holds it).</summary>
    Task NoticeAsync(string connectionId, RoomSessionNoticeEvent notice);

    Task SignalAsync(string connectionId, RtcSignalEvent signal);

    /// <summary>Takes a removed participant's connection out of the session's group and scope, on every node.</summary>
    Task ParticipantRemovedAsync(string connectionId, string twinSpaceId, string roomId);
}
