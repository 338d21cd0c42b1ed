namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// Applies a decoded update to a document inside a transaction. Structs whose dependencies are not
/// there yet (out-of-order delivery) and deletions of unknown clocks are kept as pending and retried
/// with every later update.
/// </summary>
internal static class UpdateIntegrator
{
    public static void Apply(Transaction transaction, DecodedUpdate update)
    {
        var doc = transaction.Doc;
        var store = doc.Store;
        // Same order as yjs: the new structs first, on their own; then the pending ones, but only if
        // a dependency they were recorded as missing has arrived since (yjs's retry rule; retrying
        // more eagerly would make this replica show content yjs replicas do not show yet).
        var rest = IntegrateAll(transaction, update.Structs.Values.SelectMany(list => list));
        bool retry = doc.PendingStructs.Count > 0 && doc.PendingMissing.Any(pair => pair.Value < store.GetState(pair.Key));
        if (rest.Count > 0)
        {
            var missing = FindMissing(store, rest);
            bool hadPending = doc.PendingStructs.Count > 0;
            doc.PendingStructs.AddRange(rest);
            foreach (var (client, clock) in missing)
            {
                if (!hadPending || !doc.PendingMissing.TryGetValue(client, out long known) || known > clock) doc.PendingMissing[client] = clock;
            }
        }

        var deletes = update.DeleteSet;
        if (!doc.PendingDeleteSet.IsEmpty)
        {
            deletes.AddAll(doc.PendingDeleteSet);
            doc.PendingDeleteSet.Clients.Clear();
        }
        ApplyDeleteSet(transaction, deletes, doc.PendingDeleteSet);

        if (retry)
        {
            var pending = doc.PendingStructs.ToList();
            doc.PendingStructs.Clear();
            doc.PendingMissing.Clear();
            var stillPending = IntegrateAll(transaction, pending);
            doc.PendingStructs.AddRange(stillPending);
            foreach (var (client, clock) in FindMissing(store, stillPending)) doc.PendingMissing[client] = clock;
            if (!doc.PendingDeleteSet.IsEmpty)
            {
                var pendingDeletes = new DeleteSet();
                pendingDeletes.AddAll(doc.PendingDeleteSet);
                doc.PendingDeleteSet.Clients.Clear();
                ApplyDeleteSet(transaction, pendingDeletes, doc.PendingDeleteSet);
            }
        }
    }

    /// <summary>Integrates every struct whose dependencies are (or become) available; returns the rest.</summary>
    private static List<StructBase> IntegrateAll(Transaction transaction, IEnumerable<StructBase> structs)
    {
        var store = transaction.Doc.Store;
        var queues = new Dictionary<ulong, List<StructBase>>();
        foreach (var s in structs)
        {
            if (s is SkipStruct) continue;
            if (!queues.TryGetValue(s.Client, out var q))
            {
                q = [];
                queues[s.Client] = q;
            }
            q.Add(s);
        }
        var positions = new Dictionary<ulong, int>(queues.Count);
        foreach (var (client, q) in queues)
        {
            var ordered = q.OrderBy(static s => s.Clock).ToList(); // stable: earlier arrivals first
            q.Clear();
            q.AddRange(ordered);
            positions[client] = 0;
        }
        // Keep integrating whatever has its dependencies until nothing moves.
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (var (client, q) in queues)
            {
                int pos = positions[client];
                while (pos < q.Count)
                {
                    var s = q[pos];
                    long state = store.GetState(client);
                    if (s.EndClock <= state)
                    {
                        pos++;
                        continue;
                    }
                    if (s.Clock > state) break;
                    if (s is Item item && Yata.FindMissingDependency(store, item) != null) break;
                    int offset = (int)(state - s.Clock);
                    if (s is Item remote)
                    {
                        Yata.IntegrateRemote(transaction, remote, offset);
                    }
                    else
                    {
                        s.Clock += offset;
                        s.Length -= offset;
                        transaction.RecordBeforeState(client, store);
                        store.Add(s);
                    }
                    pos++;
                    progress = true;
                }
                positions[client] = pos;
            }
        }
        var rest = new List<StructBase>();
        foreach (var (client, q) in queues)
        {
            for (int i = positions[client]; i < q.Count; i++) rest.Add(q[i]);
        }
        return rest;
    }

    /// <summary>
    /// For blocked structs, the (client, clock) whose arrival could unblock them, found like yjs does:
    /// follow each blocked client's first struct to what it waits for, through other blocked clients,
    /// to either a gap in a client's own history (clock before the gap) or a client with nothing
    /// queued (its current state).
    /// </summary>
    private static Dictionary<ulong, long> FindMissing(StructStore store, List<StructBase> rest)
    {
        var heads = new Dictionary<ulong, StructBase>();
        foreach (var s in rest)
        {
            if (!heads.TryGetValue(s.Client, out var head) || s.Clock < head.Clock) heads[s.Client] = s;
        }
        var missing = new Dictionary<ulong, long>();
        void Record(ulong client, long clock)
        {
            if (!missing.TryGetValue(client, out long known) || known > clock) missing[client] = clock;
        }
        foreach (var start in heads.Values)
        {
            var visited = new HashSet<ulong>();
            var s = start;
            while (true)
            {
                long state = store.GetState(s.Client);
                if (s.Clock > state)
                {
                    Record(s.Client, s.Clock - 1);
                    break;
                }
                if (s is not Item item || Yata.FindMissingDependency(store, item) is not { } dependency) break;
                if (!visited.Add(s.Client) || !heads.TryGetValue(dependency, out var next) || visited.Contains(dependency))
                {
                    Record(dependency, store.GetState(dependency));
                    break;
                }
                s = next;
            }
        }
        return missing;
    }

    /// <summary>Deletes every known clock in <paramref name="deletes"/>; unknown ranges go to
    /// <paramref name="unapplied"/>.</summary>
    public static void ApplyDeleteSet(Transaction transaction, DeleteSet deletes, DeleteSet unapplied)
    {
        var store = transaction.Doc.Store;
        foreach (var (client, ranges) in deletes.Clients)
        {
            var list = store.GetList(client);
            long state = list?.NextClock ?? 0;
            foreach (var range in ranges)
            {
                long start = range.Clock;
                long end = range.Clock + range.Length;
                if (start < state)
                {
                    long applyEnd = Math.Min(end, state);
                    long clock = start;
                    while (clock < applyEnd)
                    {
                        var s = list!.Find(clock)!;
                        if (s is Item item && !item.Deleted)
                        {
                            if (item.Clock < clock) item = item.Split(transaction, (int)(clock - item.Clock));
                            if (item.EndClock > applyEnd) item.Split(transaction, (int)(applyEnd - item.Clock));
                            item.Delete(transaction);
                            clock = item.EndClock;
                        }
                        else
                        {
                            clock = s.EndClock;
                        }
                    }
                }
                if (end > state)
                {
                    long from = Math.Max(start, state);
                    unapplied.Add(client, from, end - from);
                }
            }
        }
        unapplied.SortAndMerge();
    }
}
