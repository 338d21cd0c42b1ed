namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Which groups inside a TwinSpace (a forum thread, a discussion, ...) each connection on this node has joined,
/// so that losing access to the TwinSpace also takes the connection out of all of them (see <see cref="GroupEviction"/>).
/// </summary>
public sealed class SubgroupTracker
{
    private readonly Lock _gate = new();
    // connectionId -> (twinSpaceId, group name)
    private readonly Dictionary<string, HashSet<(string TwinSpaceId, string Group)>> _joined = [];

    public void Add(string connectionId, string twinSpaceId, string group)
    {
        lock (_gate)
        {
            if (!_joined.TryGetValue(connectionId, out var groups)) _joined[connectionId] = groups = [];
            groups.Add((twinSpaceId, group));
        }
    }

    public void Remove(string connectionId, string twinSpaceId, string group)
    {
        lock (_gate)
        {
            if (!_joined.TryGetValue(connectionId, out var groups)) return;
            groups.Remove((twinSpaceId, group));
            if (groups.Count == 0) _joined.Remove(connectionId);
        }
    }

    /// <summary>Removes and returns the connection's groups in one TwinSpace.</summary>
    public IReadOnlyList<string> TakeAll(string connectionId, string twinSpaceId)
    {
        lock (_gate)
        {
            if (!_joined.TryGetValue(connectionId, out var groups)) return [];
            var taken = groups.Where(g => g.TwinSpaceId == twinSpaceId).ToList();
            groups.ExceptWith(taken);
            if (groups.Count == 0) _joined.Remove(connectionId);
            return taken.Select(g => g.Group).ToList();
        }
    }

    /// <summary>A closed connection leaves every group by itself; only the bookkeeping goes.</summary>
    public void Forget(string connectionId)
    {
        lock (_gate) _joined.Remove(connectionId);
    }
}
