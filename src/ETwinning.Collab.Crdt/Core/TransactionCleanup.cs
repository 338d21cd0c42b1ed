namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// End-of-transaction housekeeping, done the way yjs does it so that encoded documents stay
/// identical: drop the content of deleted items (gc), then merge neighbouring structs that were
/// touched by the transaction (deleted ranges, new structs, split points).
/// </summary>
internal static class TransactionCleanup
{
    public static void Run(Transaction transaction)
    {
        var doc = transaction.Doc;
        var store = doc.Store;
        var ds = transaction.DeleteSet;
        ds.SortAndMerge();
        if (doc.Gc) CollectGarbage(store, ds);

        var candidates = doc.ScratchStructs;
        candidates.Clear();
        foreach (var (client, ranges) in ds.Clients)
        {
            var list = store.GetList(client);
            if (list == null) continue;
            foreach (var range in ranges)
            {
                foreach (var s in list.From(range.Clock))
                {
                    candidates.Add(s);
                    if (s.Clock >= range.Clock + range.Length) break; // one past the range end
                }
            }
        }
        foreach (var (client, before) in transaction.BeforeState)
        {
            var list = store.GetList(client)!;
            if (list.NextClock == before) continue;
            foreach (var s in list.From(before)) candidates.Add(s);
        }
        foreach (var split in transaction.MergeCandidates)
        {
            candidates.Add(split);
            var list = store.GetList(split.Client)!;
            if (split.EndClock < list.NextClock && list.Find(split.EndClock) is { } next) candidates.Add(next);
        }
        if (candidates.Count > 1) candidates.Sort(static (a, b) => a.Client != b.Client ? a.Client.CompareTo(b.Client) : b.Clock.CompareTo(a.Clock));
        foreach (var candidate in candidates) MergeWithLefts(store, candidate);
        candidates.Clear();
    }

    private static void CollectGarbage(StructStore store, DeleteSet ds)
    {
        foreach (var (client, ranges) in ds.Clients)
        {
            var list = store.GetList(client);
            if (list == null) continue;
            foreach (var range in ranges)
            {
                long end = range.Clock + range.Length;
                foreach (var s in list.From(range.Clock))
                {
                    if (s.Clock >= end) break;
                    if (s is Item { Deleted: true } item) item.Gc(store);
                }
            }
        }
    }

    /// <summary>Merges <paramref name="s"/> into its left neighbour in the store, repeatedly.</summary>
    private static void MergeWithLefts(StructStore store, StructBase s)
    {
        var list = store.GetList(s.Client)!;
        if (list.Find(s.Clock) != s) return; // already merged into another struct
        while (true)
        {
            var left = list.Previous(s);
            if (left == null || left.IsDeleted != s.IsDeleted) return;
            bool merged = (left, s) switch
            {
                (Item l, Item r) => l.TryMerge(r),
                (GcStruct l, GcStruct r) => MergeGc(l, r),
                _ => false,
            };
            if (!merged) return;
            list.RemoveNext(left);
            s = left;
        }
    }

    private static bool MergeGc(GcStruct left, GcStruct right)
    {
        left.Length += right.Length;
        return true;
    }
}
