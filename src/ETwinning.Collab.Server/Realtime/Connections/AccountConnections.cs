namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Which accounts have connections on this node, whatever they joined. The registry knows connections by scope, and an
/// outsider of a public event is in no scope of that TwinSpace until the event starts; what is sent to a person rather
/// than to a scope (a reminder) finds their connections here. Node-local: each node sends to its own.
/// </summary>
public sealed class AccountConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _byAccount = new(StringComparer.Ordinal);

    public void Connected(string accountId, string connectionId)
    {
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(accountId, out var connections)) _byAccount[accountId] = connections = new(StringComparer.Ordinal);
            connections.Add(connectionId);
        }
    }

    public void Disconnected(string accountId, string connectionId)
    {
        lock (_gate)
        {
            if (_byAccount.TryGetValue(accountId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
                _byAccount.Remove(accountId);
        }
    }

    /// <summary>This node's connections of <paramref name="accountId"/>.</summary>
    public IReadOnlyList<string> Of(string accountId)
    {
        lock (_gate) return _byAccount.TryGetValue(accountId, out var connections) ? [.. connections] : [];
    }

    public bool Any
    {
        get { lock (_gate) return _byAccount.Count > 0; }
    }
}
