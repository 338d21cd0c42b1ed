using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// The one place that knows which connection of this node is in which TwinSpace, page, channel or thread. It keeps
/// the SignalR groups in step (a connection is in a scope's group exactly while it is recorded here), tells the
/// features' <see cref="IConnectionObserver"/>s, and evicts: an account that lost access leaves every scope of that
/// TwinSpace at once, on every node (the request travels as <see cref="MemberEvicted"/> on the node bus).
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly Lock _gate = new();
    // connection -> who holds it and what it joined
    private readonly Dictionary<string, (ConnectionMember Member, HashSet<ConnectionScope> Scopes)> _connections = [];
    // scope -> account -> its connections in the scope
    private readonly Dictionary<ConnectionScope, Dictionary<string, HashSet<string>>> _scopes = [];
    private readonly IHubContext<TwinSpaceHub, ITwinSpaceClient> _hub;
    private readonly INodeBus _bus;
    private readonly ILookup<ScopeKind, IConnectionObserver> _observers;

    public ConnectionRegistry(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, INodeBus bus, IEnumerable<IConnectionObserver> observers)
    {
        _hub = hub;
        _bus = bus;
        _observers = observers.ToLookup(observer => observer.Kind);
    }

    /// <summary>
    /// Adds the connection to the scope's group, records it and tells the observers. The group comes first, so
    /// nothing broadcast while the caller reads the scope's state is missed. Joining twice changes nothing.
    /// </summary>
    public async Task JoinAsync(ConnectionMember member, ConnectionScope scope, CancellationToken cancellationToken = default)
    {
        await _hub.Groups.AddToGroupAsync(member.ConnectionId, GroupNames.Of(scope), cancellationToken).ConfigureAwait(false);
        bool added, first;
        lock (_gate)
        {
            if (!_connections.TryGetValue(member.ConnectionId, out var entry))
                _connections[member.ConnectionId] = entry = (member, []);
            added = entry.Scopes.Add(scope);
            var accounts = GetOrAdd(_scopes, scope);
            var connections = GetOrAdd(accounts, member.AccountId);
            first = connections.Add(member.ConnectionId) && connections.Count == 1;
        }
        if (!added) return;
        var change = new ScopeChange(member, scope, first);
        foreach (var observer in _observers[scope.Kind])
            await observer.OnJoinedAsync(change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection leaves one scope (the client asked, or joining failed half way).</summary>
    public async Task LeaveAsync(string connectionId, ConnectionScope scope, CancellationToken cancellationToken = default)
    {
        await _hub.Groups.RemoveFromGroupAsync(connectionId, GroupNames.Of(scope), cancellationToken).ConfigureAwait(false);
        if (Forget(connectionId, scope) is { } change) await TellLeftAsync(change, LeaveReason.Left, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A closed connection leaves everything (SignalR has dropped its groups already).</summary>
    public async Task DisconnectedAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ConnectionScope[] scopes;
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var entry)) return;
            scopes = [.. entry.Scopes];
        }
        foreach (var scope in scopes)
            if (Forget(connectionId, scope) is { } change) await TellLeftAsync(change, LeaveReason.Disconnected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes an account (everyone when null) out of every scope of a TwinSpace, here and on every other node.</summary>
    public async Task EvictAsync(string twinSpaceId, string? accountId, CancellationToken cancellationToken = default)
    {
        await EvictLocalAsync(twinSpaceId, accountId, cancellationToken).ConfigureAwait(false);
        await _bus.PublishAsync(new MemberEvicted(twinSpaceId, accountId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Evicts this node's connections only (another node asked through the bus).</summary>
    public async Task EvictLocalAsync(string twinSpaceId, string? accountId, CancellationToken cancellationToken = default)
    {
        List<(string ConnectionId, ConnectionScope Scope)> targets;
        lock (_gate)
        {
            targets = _connections
                .Where(pair => accountId is null || pair.Value.Member.AccountId == accountId)
                .SelectMany(pair => pair.Value.Scopes.Where(scope => scope.TwinSpaceId == twinSpaceId).Select(scope => (pair.Key, scope)))
                .ToList();
        }
        // Resources first, the TwinSpace last: presence goes offline after the cursors and channels are gone.
        foreach (var (connectionId, scope) in targets.OrderBy(target => target.Scope.Kind == ScopeKind.TwinSpace))
        {
            await _hub.Groups.RemoveFromGroupAsync(connectionId, GroupNames.Of(scope), cancellationToken).ConfigureAwait(false);
            if (Forget(connectionId, scope) is not { } change) continue;
            foreach (var observer in _observers[scope.Kind])
                await observer.OnEvictedAsync(change, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when this node holds the connection and it is in the scope.</summary>
    public bool Holds(string connectionId, ConnectionScope scope)
    {
        lock (_gate)
            return _connections.TryGetValue(connectionId, out var entry) && entry.Scopes.Contains(scope);
    }

    /// <summary>The scopes of <paramref name="kind"/> that have connections on this node.</summary>
    public IReadOnlyList<ConnectionScope> ScopesHere(ScopeKind kind)
    {
        lock (_gate)
            return _scopes.Where(s => s.Key.Kind == kind && s.Value.Count > 0).Select(s => s.Key).ToList();
    }

    /// <summary>Who is in a scope on this node.</summary>
    public IReadOnlyList<ConnectionMember> In(ConnectionScope scope)
    {
        lock (_gate)
            return _scopes.TryGetValue(scope, out var accounts)
                ? accounts.Values.SelectMany(connections => connections).Select(id => _connections[id].Member).ToList()
                : [];
    }

    private async Task TellLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers[change.Scope.Kind])
            await observer.OnLeftAsync(change, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes one (connection, scope) record; the change to tell, or null when it was not recorded.</summary>
    private ScopeChange? Forget(string connectionId, ConnectionScope scope)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var entry) || !entry.Scopes.Remove(scope)) return null;
            if (entry.Scopes.Count == 0) _connections.Remove(connectionId);
            var last = false;
            if (_scopes.TryGetValue(scope, out var accounts) && accounts.TryGetValue(entry.Member.AccountId, out var connections)
                && connections.Remove(connectionId) && connections.Count == 0)
            {
                last = true;
                accounts.Remove(entry.Member.AccountId);
                if (accounts.Count == 0) _scopes.Remove(scope);
            }
            return new ScopeChange(entry.Member, scope, last);
        }
    }

    private static TValue GetOrAdd<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key) where TKey : notnull where TValue : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new TValue();
        return value;
    }
}
