using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Realtime.Connections;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Reminders to this node's connections: members' from the registry's TwinSpace scopes, anyone's (outsiders of public
/// events) by account.
/// </summary>
internal sealed class HubLiveReminderDelivery(LocalConnectionSender local) : ILiveReminderDelivery
{
    public IReadOnlyList<string> TwinSpacesWithConnectionsHere() => local.ScopesHere(ScopeKind.TwinSpace).Select(s => s.TwinSpaceId).ToList();

    public IReadOnlyList<ConnectionMember> ConnectionsHere(string twinSpaceId) => local.In(ConnectionScope.TwinSpace(twinSpaceId));

    public bool AnyConnectionHere => local.AnyConnectionHere;

    public IReadOnlyList<string> ConnectionsOfAccountHere(string accountId) => local.OfAccount(accountId);

    public Task SendAsync(IReadOnlyList<string> connectionIds, LiveEventReminderEvent reminder) =>
        local.SendAsync(connectionIds, clients => clients.LiveEventReminder(reminder));
}
