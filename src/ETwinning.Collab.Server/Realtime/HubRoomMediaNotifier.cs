using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms.Media;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers the events of SFU sessions to the session's group (every node, through the backplane).</summary>
internal sealed class HubRoomMediaNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IRoomMediaNotifier
{
    public Task PublishedAsync(RoomMediaPublishedEvent published) =>
        hub.Clients.Group(GroupNames.RoomSession(published.TwinSpaceId, published.RoomId)).RoomMediaPublished(published);
}
