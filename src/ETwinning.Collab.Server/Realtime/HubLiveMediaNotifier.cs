using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers live events' media events to the event's group (every node, through the backplane).</summary>
internal sealed class HubLiveMediaNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : ILiveMediaNotifier
{
    public Task PublishedAsync(LiveMediaPublishedEvent published) =>
        hub.Clients.Group(GroupNames.LiveEvent(published.TwinSpaceId, published.EventId)).LiveMediaPublished(published);
}
