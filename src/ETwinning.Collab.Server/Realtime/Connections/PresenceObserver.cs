using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Presence: a member is online in a TwinSpace while one of their connections is in it, on any node. Only the
/// account's first join and last leave in the cluster (<see cref="IClusterPresence"/>) are announced, to everyone
/// else in the TwinSpace (the group reaches every node), with the member's name either way.
/// </summary>
internal sealed class PresenceObserver(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, IClusterPresence presence) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.TwinSpace;

    public async ValueTask OnJoinedAsync(ScopeChange change, CancellationToken cancellationToken)
    {
        if (change.AccountChanged && await presence.ArrivedAsync(change.Scope.TwinSpaceId, change.Connection, cancellationToken).ConfigureAwait(false))
            await Announce(hub, change.Scope.TwinSpaceId, change.Connection.AccountId, change.Connection.DisplayName, online: true, change.Connection.ConnectionId).ConfigureAwait(false);
    }

    public async ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken)
    {
        if (change.AccountChanged && await presence.DepartedAsync(change.Scope.TwinSpaceId, change.Connection.AccountId, cancellationToken).ConfigureAwait(false))
            await Announce(hub, change.Scope.TwinSpaceId, change.Connection.AccountId, change.Connection.DisplayName, online: false, exceptConnectionId: null).ConfigureAwait(false);
    }

    /// <summary>Tells the TwinSpace's members (but <paramref name="exceptConnectionId"/>) that an account came or went.</summary>
    internal static Task Announce(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, string twinSpaceId, string accountId, string displayName, bool online, string? exceptConnectionId)
    {
        var group = GroupNames.Of(ConnectionScope.TwinSpace(twinSpaceId));
        var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
        return clients.PresenceChanged(new PresenceEvent(twinSpaceId, accountId, displayName, online));
    }
}
