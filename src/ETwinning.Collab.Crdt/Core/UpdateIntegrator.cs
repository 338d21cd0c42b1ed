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
        var rest = update.Structs.Count == 1 ? IntegrateSingleClient(transaction, FirstList(update)) : IntegrateAll(transaction, update.Structs.Values.SelectMany(list => list));
        bool retry = doc.PendingStructs.Count > 0 && AnyMissingArrived(doc, store);
        if (rest.Count > 0)
        {
            var missing = FindMissing(store, rest);
            bool hadPending = doc.PendingStructs.Count > 0;
            doc.PendingStructs.AddRange(rest);
            DropCoveredDuplicates(doc.PendingStructs);
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

    /// <summary>Removes pending structs whose clocks an earlier pending struct already covers (a
    /// peer re-sending the same update must not make the pending list grow). Earlier entries win,
    /// like yjs's merge of pending updates.</summary>
    private static void DropCoveredDuplicates(List<StructBase> pending)
    {
        var kept = new List<StructBase>(pending.Count);
        foreach (var group in pending.GroupBy(static s => s.Client))
        {
            long coveredUntil = -1;
            foreach (var s in group.OrderBy(static s => s.Clock))
            {
                if (s.EndClock <= coveredUntil) continue;
                kept.Add(s);
                coveredUntil = Math.Max(coveredUntil, s.EndClock);
            }
        }
        pending.Clear();
        pending.AddRange(kept);
    }

    private static bool AnyMissingArrived(YDoc doc, StructStore store)
    {
        foreach (var (client, clock) in doc.PendingMissing)
        {
            if (clock < store.GetState(client)) return true;
        }
        return false;
    }

    private static List<StructBase> FirstList(DecodedUpdate update)
    {
        foreach (var list in update.Structs.Values) return list;
        return [];
    }

    /// <summary>The common case of one client's structs in clock order (every incremental update of
    /// a browser): the same rules as <see cref="IntegrateAll"/> without its bookkeeping.</summary>
    private static List<StructBase> IntegrateSingleClient(Transaction transaction, List<StructBase> structs)
    {
        if (!IsSortedByClock(structs)) return IntegrateAll(transaction, structs);
        var store = transaction.Doc.Store;
        int pos = 0;
        for (; pos < structs.Count; pos++)
        {
            var s = structs[pos];
            if (s is SkipStruct) continue;
            long state = store.GetState(s.Client);
            if (s.Clock > state) break;
            if (s is Item item && Yata.FindMissingDependency(store, item) != null) break;
            if (s.EndClock <= state) continue;
            Integrate(transaction, s, (int)(state - s.Clock));
        }
        if (pos == structs.Count) return [];
        var rest = new List<StructBase>(structs.Count - pos);
        for (int i = pos; i < structs.Count; i++)
        {
            if (structs[i] is not SkipStruct) rest.Add(structs[i]);
        }
        return rest;
    }

    private static void Integrate(Transaction transaction, StructBase s, int offset)
    {
        if (s is Item remote)
        {
            Yata.IntegrateRemote(transaction, remote, offset);
        }
        else
        {
            s.Clock += offset;
            s.Length -= offset;
            transaction.RecordBeforeState(s.Client, transaction.Doc.Store);
            transaction.Doc.Store.Add(s);
        }
    }

    private static bool IsSortedByClock(List<StructBase> structs)
    {
        for (int i = 1; i < structs.Count; i++)
        {
            if (structs[i].Clock < structs[i - 1].Clock) return false;
        }
        return true;
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
            if (!IsSortedByClock(q))
            {
                var ordered = q.OrderBy(static s => s.Clock).ToList(); // stable: earlier arrivals first
                q.Clear();
                q.AddRange(ordered);
            }
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
                    if (s.Clock > state) break;
                    // yjs checks dependencies before noticing a struct is a duplicate, so a stale
                    // copy with missing dependencies blocks its client too.
                    if (s is Item item && Yata.FindMissingDependency(store, item) != null) break;
                    if (s.EndClock <= state)
                    {
                        pos++;
                        continue;
                    }
                    Integrate(transaction, s, (int)(state - s.Clock));
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
    /// For blocked structs, the (client, clock) whose arrival could unblock them, found the way yjs
    /// walks them: clients in descending id order; from a client's first blocked struct follow what
    /// it waits for through other blocked clients not visited yet, until a gap in a client's own
    /// history (record the clock before the gap) or a client with nothing left to follow (record its
    /// current state). The result decides when pending structs are retried, so it must match yjs.
    /// </summary>
    private static Dictionary<ulong, long> FindMissing(StructStore store, List<StructBase> rest)
    {
        var byClient = new Dictionary<ulong, List<StructBase>>();
        foreach (var s in rest)
        {
            if (!byClient.TryGetValue(s.Client, out var list))
            {
                list = [];
                byClient[s.Client] = list;
            }
            list.Add(s);
        }
        foreach (var list in byClient.Values) list.Sort(static (a, b) => a.Clock.CompareTo(b.Clock));

        var missing = new Dictionary<ulong, long>();
        void Record(ulong client, long clock)
        {
            if (!missing.TryGetValue(client, out long known) || known > clock) missing[client] = clock;
        }
        var done = new HashSet<ulong>();
        foreach (var client in byClient.Keys.OrderDescending().ToList())
        {
            if (done.Contains(client)) continue;
            var chain = new List<ulong>();
            var s = byClient[client][0];
            while (true)
            {
                if (!chain.Contains(s.Client)) chain.Add(s.Client);
                if (s.Clock > store.GetState(s.Client))
                {
                    Record(s.Client, s.Clock - 1);
                    break;
                }
                if (s is not Item item || Yata.FindMissingDependency(store, item) is not { } dependency) break;
                if (done.Contains(dependency) || !byClient.TryGetValue(dependency, out var dependencyStructs))
                {
                    Record(dependency, store.GetState(dependency));
                    break;
                }
                if (chain.Contains(dependency))
                {
                    // Back at a client already being followed: its next struct is behind a gap.
                    if (dependencyStructs.Count > 1) Record(dependency, dependencyStructs[1].Clock - 1);
                    else Record(dependency, store.GetState(dependency));
                    break;
                }
                s = dependencyStructs[0];
            }
            done.UnionWith(chain);
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
