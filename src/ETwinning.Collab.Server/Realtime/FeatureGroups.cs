namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// The feature groups (chat channels; later pages and rooms) that connections on this node joined, with the
/// account and TwinSpace they joined for, so that <see cref="GroupEviction"/> takes a member who lost access out of
/// all of them, not only out of the TwinSpace's group.
/// </summary>
public sealed class FeatureGroups
{
    private readonly Lock _gate = new();
    private readonly HashSet<Entry> _entries = [];

    public void Joined(string connectionId, string twinSpaceId, string accountId, string group)
    {
        lock (_gate) _entries.Add(new Entry(connectionId, twinSpaceId, accountId, group));
    }

    public void Left(string connectionId, string twinSpaceId, string accountId, string group)
    {
        lock (_gate) _entries.Remove(new Entry(connectionId, twinSpaceId, accountId, group));
    }

    /// <summary>Forgets and returns the groups joined in a TwinSpace by one account (or by everyone when null).</summary>
    public IReadOnlyList<(string ConnectionId, string Group)> TakeAll(string twinSpaceId, string? accountId)
    {
        lock (_gate)
        {
            var taken = _entries.Where(e => e.TwinSpaceId == twinSpaceId && (accountId is null || e.AccountId == accountId)).ToList();
            foreach (var entry in taken) _entries.Remove(entry);
            return taken.Select(e => (e.ConnectionId, e.Group)).ToList();
        }
    }

    /// <summary>The connection closed: SignalR drops its groups itself, this only forgets them.</summary>
    public void Forget(string connectionId)
    {
        lock (_gate) _entries.RemoveWhere(e => e.ConnectionId == connectionId);
    }

    private sealed record Entry(string ConnectionId, string TwinSpaceId, string AccountId, string Group);
}
