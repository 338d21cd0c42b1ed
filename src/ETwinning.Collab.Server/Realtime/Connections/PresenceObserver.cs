using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Presence: a member is online in a TwinSpace while one of their connections is in it. Only the account's first
/// join and last leave are announced, to everyone else in the TwinSpace, with the member's name either way.
/// </summary>
internal sealed class PresenceObserver(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.TwinSpace;

    public ValueTask OnJoinedAsync(ScopeChange change, CancellationToken cancellationToken) =>
        change.AccountChanged ? Announce(change, online: true, exceptConnectionId: change.Connection.ConnectionId) : ValueTask.CompletedTask;

    public ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) =>
        change.AccountChanged ? Announce(change, online: false, exceptConnectionId: null) : ValueTask.CompletedTask;

    private ValueTask Announce(ScopeChange change, bool online, string? exceptConnectionId)
    {
        var group = GroupNames.Of(change.Scope);
        var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
        return new(clients.PresenceChanged(new PresenceEvent(change.Scope.TwinSpaceId, change.Connection.AccountId, change.Connection.DisplayName, online)));
    }
}
