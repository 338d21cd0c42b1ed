using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>The media events of live events; Realtime delivers them over the hub.</summary>
public interface ILiveMediaNotifier
{
    /// <summary>To the event's connections: a presenter's feed is on the media server.</summary>
    Task PublishedAsync(LiveMediaPublishedEvent published);
}
