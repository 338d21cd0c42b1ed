using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Running tallies to this node's connections in the event, as the registry lists them (a send to a connection of
/// this node does not go through the backplane).
/// </summary>
internal sealed class HubLiveTallyDelivery(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, ConnectionRegistry connections) : ILiveTallyDelivery
{
    public Task ToLocalConnectionsAsync(LiveTallyEvent tally)
    {
        var here = connections.In(ConnectionScope.LiveEvent(tally.TwinSpaceId, tally.EventId)).Select(member => member.ConnectionId).ToList();
        return here.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(here).LiveTallyChanged(tally);
    }
}
