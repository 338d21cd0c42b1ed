using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>The events of SFU sessions; Realtime delivers them over the hub.</summary>
public interface IRoomMediaNotifier
{
    /// <summary>To the session's participants: a feed is on the media server.</summary>
    Task PublishedAsync(RoomMediaPublishedEvent published);
}
