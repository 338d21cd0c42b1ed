namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Who is online in which TwinSpace through this node's connections, with the names to announce. The whole truth for
/// one node; with Redis, what this node writes there again after Redis lost it, and what it still knows while Redis is away.
/// </summary>
internal sealed class NodePresence
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> _twinSpaces = [];

    public void Add(string twinSpaceId, string accountId, string displayName)
    {
        lock (_gate)
        {
            if (!_twinSpaces.TryGetValue(twinSpaceId, out var accounts)) _twinSpaces[twinSpaceId] = accounts = [];
            accounts[accountId] = displayName;
        }
    }

    public void Remove(string twinSpaceId, string accountId)
    {
        lock (_gate)
        {
            if (_twinSpaces.TryGetValue(twinSpaceId, out var accounts) && accounts.Remove(accountId) && accounts.Count == 0)
                _twinSpaces.Remove(twinSpaceId);
        }
    }

    public HashSet<string> In(string twinSpaceId)
    {
        lock (_gate)
            return _twinSpaces.TryGetValue(twinSpaceId, out var accounts) ? [.. accounts.Keys] : [];
    }

    public List<(string TwinSpaceId, string AccountId, string DisplayName)> All()
    {
        lock (_gate)
            return _twinSpaces.SelectMany(space => space.Value.Select(account => (space.Key, account.Key, account.Value))).ToList();
    }
}
