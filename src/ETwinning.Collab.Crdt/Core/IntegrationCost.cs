namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// Checks a decoded update against a document before anything changes: how many items the YATA
/// conflict resolution may walk to integrate it, and whether it needs history the document lacks.
/// Read-only; it walks the document's lists but never splits or links anything.
/// </summary>
internal static class IntegrationCost
{
    /// <summary>Returns the estimated conflict steps; throws <see cref="CrdtLimitException"/> when a limit is exceeded.</summary>
    public static long Check(YDoc doc, DecodedUpdate update, YUpdateLimits limits)
    {
        if (limits.RefuseMissingDependencies) CheckDependencies(doc, update);
        long limit = limits.MaxConflictSteps;
        if (limit == long.MaxValue) return 0;
        var store = doc.Store;
        var siblingsInUpdate = new Dictionary<SiblingKey, int>();
        long steps = 0;
        foreach (var (client, structs) in update.Structs)
        {
            long state = store.GetState(client);
            foreach (var s in structs)
            {
                if (s is not Item item || s.EndClock <= state) continue;
                var key = SiblingKey.Of(item);
                siblingsInUpdate.TryGetValue(key, out int earlier);
                siblingsInUpdate[key] = earlier + 1;
                steps += earlier;
                if (steps > limit) throw TooMuch(steps, limit);
                steps += WalkBetweenOrigins(doc, item, limit - steps + 1);
                if (steps > limit) throw TooMuch(steps, limit);
            }
        }
        return steps;
    }

    private static CrdtLimitException TooMuch(long steps, long limit) => new(CrdtLimitReason.TooMuchWork,
        $"Merging this update would walk more than {limit} concurrently inserted items ({steps} counted so far): too many items inserted at the same position.");

    /// <summary>
    /// The items the conflict resolution will visit for <paramref name="item"/> (at most <paramref name="cap"/>):
    /// the same walk as <see cref="Yata"/>'s, read-only. It starts after the origin (or at the parent's
    /// first item) and stops at the right origin or where the YATA rules stop.
    /// </summary>
    private static long WalkBetweenOrigins(YDoc doc, Item item, long cap)
    {
        var store = doc.Store;
        Item? right = null;
        if (item.RightOrigin is { } rightId)
        {
            if (store.Find(rightId) is not Item r) return 0;
            right = r;
        }
        Item? o;
        bool firstIsOriginTail = false;
        if (item.Origin is { } originId)
        {
            if (store.Find(originId) is not Item origin) return 0;
            // Inside a run the integration splits it, and what follows is the run's tail, whose origin
            // is our origin.
            firstIsOriginTail = originId.Clock < origin.EndClock - 1;
            o = firstIsOriginTail ? origin : origin.Right;
        }
        else
        {
            o = FirstOfParent(doc, item, right);
        }
        var seen = doc.ScratchSeen;
        seen.Clear();
        long steps = 0;
        try
        {
            for (; o != null && o != right && steps < cap; o = o.Right, firstIsOriginTail = false)
            {
                steps++;
                seen.Add(o);
                var oOrigin = firstIsOriginTail ? item.Origin : o.Origin;
                if (oOrigin == item.Origin)
                {
                    if (o.Client >= item.Client && item.RightOrigin == o.RightOrigin) break;
                }
                else if (!(oOrigin is { } other && store.Find(other) is Item otherItem && seen.Contains(otherItem)))
                {
                    break;
                }
            }
        }
        finally
        {
            seen.Clear();
        }
        return steps;
    }

    private static Item? FirstOfParent(YDoc doc, Item item, Item? right)
    {
        var parent = right != null ? right.Parent : DecodedParent(doc, item);
        string? sub = right != null ? right.ParentSub : item.ParentSub;
        if (parent == null) return null;
        if (sub == null) return parent.Start;
        if (!parent.MapItems.TryGetValue(sub, out var first)) return null;
        while (first.Left != null) first = first.Left;
        return first;
    }

    private static Types.YType? DecodedParent(YDoc doc, Item item)
    {
        if (item.DecodedParentRoot != null) return doc.Roots.GetValueOrDefault(item.DecodedParentRoot);
        return item.DecodedParentItem is { } p && doc.Store.Find(p) is Item { Content: Contents.TypeContent type } ? type.Type : null;
    }

    /// <summary>Throws unless every struct, reference and deletion of the update is covered by the
    /// document's history or by the update itself.</summary>
    private static void CheckDependencies(YDoc doc, DecodedUpdate update)
    {
        var store = doc.Store;
        var available = new Dictionary<ulong, long>();
        foreach (var (client, structs) in update.Structs)
        {
            long end = store.GetState(client);
            foreach (var s in structs)
            {
                if (s is SkipStruct) continue;
                if (s.Clock > end) throw Missing($"its history of client {client} starts at clock {s.Clock}, but the document has only {end} clocks of that client");
                end = Math.Max(end, s.EndClock);
            }
            available[client] = end;
        }
        long Known(ulong client) => available.TryGetValue(client, out long end) ? end : store.GetState(client);
        foreach (var structs in update.Structs.Values)
        {
            foreach (var s in structs)
            {
                if (s is not Item item) continue;
                foreach (var reference in (ReadOnlySpan<YId?>)[item.Origin, item.RightOrigin, item.DecodedParentItem])
                {
                    if (reference is { } id && id.Clock >= Known(id.Client)) throw Missing($"item {item.Client}:{item.Clock} refers to {id.Client}:{id.Clock}, which the document does not have");
                }
            }
        }
        foreach (var (client, ranges) in update.DeleteSet.Clients)
        {
            long known = Known(client);
            foreach (var range in ranges)
            {
                if (range.Clock + range.Length > known) throw Missing($"it deletes {client}:{range.Clock}..{range.Clock + range.Length - 1}, which the document does not have");
            }
        }
    }

    private static CrdtLimitException Missing(string what) => new(CrdtLimitReason.MissingDependencies, $"The update needs history the document lacks: {what}.");

    /// <summary>Items of one update that would be siblings at the same position.</summary>
    private readonly record struct SiblingKey(YId? Origin, YId? RightOrigin, string? Root, YId? ParentItem, string? Sub)
    {
        public static SiblingKey Of(Item item) => item.Origin is { } origin
            ? new SiblingKey(origin, null, null, null, null)
            : new SiblingKey(null, item.RightOrigin, item.DecodedParentRoot, item.DecodedParentItem, item.ParentSub);
    }
}
