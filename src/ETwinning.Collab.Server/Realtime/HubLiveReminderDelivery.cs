using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Reminders to this node's connections, from the connection registry's TwinSpace scopes.</summary>
internal sealed class HubLiveReminderDelivery(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, ConnectionRegistry connections) : ILiveReminderDelivery
{
    public IReadOnlyList<string> TwinSpacesWithConnectionsHere() => connections.ScopesHere(ScopeKind.TwinSpace).Select(s => s.TwinSpaceId).ToList();

    public IReadOnlyList<ConnectionMember> ConnectionsHere(string twinSpaceId) => connections.In(ConnectionScope.TwinSpace(twinSpaceId));

    public Task SendAsync(IReadOnlyList<string> connectionIds, LiveEventReminderEvent reminder) =>
        hub.Clients.Clients(connectionIds).LiveEventReminder(reminder);
}
