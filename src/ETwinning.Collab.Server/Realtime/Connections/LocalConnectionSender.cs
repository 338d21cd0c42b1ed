using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Sends to connections of this node by id, as the registry or <see cref="AccountConnections"/> list them: a send to a
/// connection of this node does not go through the backplane, so features that have every node serve its own
/// connections (tallies, reminders) send once per connection without coordinating.
/// </summary>
public sealed class LocalConnectionSender(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, ConnectionRegistry connections, AccountConnections accounts)
{
    /// <summary>This node's connections in <paramref name="scope"/>.</summary>
    public IReadOnlyList<ConnectionMember> In(ConnectionScope scope) => connections.In(scope);

    /// <summary>The scopes of <paramref name="kind"/> that have connections on this node.</summary>
    public IReadOnlyList<ConnectionScope> ScopesHere(ScopeKind kind) => connections.ScopesHere(kind);

    /// <summary>This node's connections of one account, joined to anything or nothing.</summary>
    public IReadOnlyList<string> OfAccount(string accountId) => accounts.Of(accountId);

    public bool AnyConnectionHere => accounts.Any;

    public Task SendAsync(IReadOnlyList<string> connectionIds, Func<ITwinSpaceClient, Task> send) =>
        connectionIds.Count == 0 ? Task.CompletedTask : send(hub.Clients.Clients(connectionIds));
}
