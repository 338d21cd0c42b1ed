using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Realtime.Connections;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Running tallies to this node's connections in the event, as the registry lists them.</summary>
internal sealed class HubLiveTallyDelivery(LocalConnectionSender local) : ILiveTallyDelivery
{
    public Task ToLocalConnectionsAsync(LiveTallyEvent tally) =>
        local.SendAsync(local.In(ConnectionScope.LiveEvent(tally.TwinSpaceId, tally.EventId)).Select(member => member.ConnectionId).ToList(),
            clients => clients.LiveTallyChanged(tally));
}
