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
        var queues = new Dictionary<ulong, List<StructBase>>();
        void Enqueue(StructBase s)
        {
            if (s is SkipStruct) return;
            if (!queues.TryGetValue(s.Client, out var q))
            {
                q = [];
                queues[s.Client] = q;
            }
            q.Add(s);
        }
        // New structs go first: when a pending struct and a new one cover the same clocks (possible
        // when a surrogate pair was split and re-encoded), yjs integrates the new one.
        foreach (var list in update.Structs.Values)
        {
            foreach (var s in list) Enqueue(s);
        }
        foreach (var s in doc.PendingStructs) Enqueue(s);
        doc.PendingStructs.Clear();

        var positions = new Dictionary<ulong, int>(queues.Count);
        foreach (var (client, q) in queues)
        {
            var ordered = q.OrderBy(static s => s.Clock).ToList(); // stable: keeps new before pending
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
        foreach (var (client, q) in queues)
        {
            for (int i = positions[client]; i < q.Count; i++) doc.PendingStructs.Add(q[i]);
        }

        var deletes = update.DeleteSet;
        if (!doc.PendingDeleteSet.IsEmpty)
        {
            deletes.AddAll(doc.PendingDeleteSet);
            doc.PendingDeleteSet.Clients.Clear();
        }
        ApplyDeleteSet(transaction, deletes, doc.PendingDeleteSet);
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
