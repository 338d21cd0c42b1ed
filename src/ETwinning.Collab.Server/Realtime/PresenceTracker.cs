using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Which connections of which accounts have joined which TwinSpace on this node. A member is online while at
/// least one of their connections is joined; the first join and the last leave are what others hear about.
/// </summary>
public sealed class PresenceTracker : IPresence
{
    private readonly Lock _gate = new();
    // twinSpaceId -> accountId -> connection ids
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _joined = [];
    // connectionId -> (twinSpaceId, accountId) it joined
    private readonly Dictionary<string, HashSet<(string TwinSpaceId, string AccountId)>> _byConnection = [];

    /// <summary>Records a join; true when this is the account's first connection in the TwinSpace.</summary>
    public bool Join(string twinSpaceId, string accountId, string connectionId)
    {
        lock (_gate)
        {
            var accounts = GetOrAdd(_joined, twinSpaceId);
            var connections = GetOrAdd(accounts, accountId);
            GetOrAdd(_byConnection, connectionId).Add((twinSpaceId, accountId));
            return connections.Add(connectionId) && connections.Count == 1;
        }
    }

    /// <summary>Records a leave; true when it was the account's last connection in the TwinSpace.</summary>
    public bool Leave(string twinSpaceId, string accountId, string connectionId)
    {
        lock (_gate)
        {
            if (_byConnection.TryGetValue(connectionId, out var joined))
            {
                joined.Remove((twinSpaceId, accountId));
                if (joined.Count == 0) _byConnection.Remove(connectionId);
            }
            if (!_joined.TryGetValue(twinSpaceId, out var accounts) || !accounts.TryGetValue(accountId, out var connections)) return false;
            if (!connections.Remove(connectionId) || connections.Count > 0) return false;
            accounts.Remove(accountId);
            if (accounts.Count == 0) _joined.Remove(twinSpaceId);
            return true;
        }
    }

    /// <summary>Everything a closing connection had joined.</summary>
    public IReadOnlyList<(string TwinSpaceId, string AccountId)> JoinedBy(string connectionId)
    {
        lock (_gate) return _byConnection.TryGetValue(connectionId, out var joined) ? joined.ToList() : [];
    }

    /// <summary>The connections of an account in a TwinSpace (to evict them when access is revoked).</summary>
    public IReadOnlyList<string> ConnectionsOf(string twinSpaceId, string accountId)
    {
        lock (_gate)
            return _joined.TryGetValue(twinSpaceId, out var accounts) && accounts.TryGetValue(accountId, out var connections)
                ? connections.ToList() : [];
    }

    /// <summary>Every (account, connection) joined to a TwinSpace.</summary>
    public IReadOnlyList<(string AccountId, string ConnectionId)> ConnectionsIn(string twinSpaceId)
    {
        lock (_gate)
            return _joined.TryGetValue(twinSpaceId, out var accounts)
                ? accounts.SelectMany(a => a.Value.Select(c => (a.Key, c))).ToList() : [];
    }

    public bool IsOnline(string twinSpaceId, string accountId)
    {
        lock (_gate) return _joined.TryGetValue(twinSpaceId, out var accounts) && accounts.ContainsKey(accountId);
    }

    private static TValue GetOrAdd<TValue>(Dictionary<string, TValue> map, string key) where TValue : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new TValue();
        return value;
    }
}
