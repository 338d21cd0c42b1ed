using ETwinning.Collab.Crdt.Core.Contents;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// After a remote transaction touched formatted text, yjs deletes formatting marks it considers
/// redundant, in a local transaction of its own. Those deletions change where concurrent insertions
/// inherit formatting from, so a replica that skipped them would drift from yjs replicas; this
/// reproduces the same rules:
/// <list type="bullet">
/// <item>a text that received a new (live) mark: in the run of marks before its first character,
/// delete marks with a null value and marks overridden later in that run;</item>
/// <item>for every other deleted character: in the run of marks and tombstones around it, delete
/// marks overridden later in the run.</item>
/// </list>
/// </summary>
internal static class FormattingCleanup
{
    public static bool IsNeeded(Transaction transaction)
    {
        if (transaction.Local) return false;
        foreach (var type in transaction.Changed)
        {
            if (type is YText { HasFormatting: true } && IsObservable(transaction, type)) return true;
        }
        return false;
    }

    /// <summary>yjs only notifies (and so only cleans up after) types that existed before the
    /// transaction and are not deleted.</summary>
    private static bool IsObservable(Transaction transaction, YType type)
    {
        var item = type.ItemInternal;
        if (item == null) return true;
        long before = transaction.BeforeState.TryGetValue(item.Client, out long clock) ? clock : transaction.Doc.Store.GetState(item.Client);
        return item.Clock < before && !item.Deleted;
    }

    /// <summary>Decides and performs the deletions in <paramref name="cleanup"/>, before the remote
    /// transaction's garbage collection (which would drop the deleted marks it inspects).</summary>
    public static void Run(Transaction remote, Transaction cleanup)
    {
        var store = remote.Doc.Store;
        var fullCleanup = new List<YType>();
        foreach (var (client, before) in remote.BeforeState)
        {
            var list = store.GetList(client);
            if (list == null) continue;
            foreach (var s in list.From(before))
            {
                if (s is Item { Deleted: false, Content: FormatContent } item && !fullCleanup.Contains(item.Parent!)) fullCleanup.Add(item.Parent!);
            }
        }
        foreach (var (client, ranges) in remote.DeleteSet.Clients)
        {
            var list = store.GetList(client);
            if (list == null) continue;
            foreach (var range in ranges)
            {
                long end = range.Clock + range.Length;
                foreach (var s in list.From(range.Clock))
                {
                    if (s.Clock >= end) break;
                    if (s is not Item { Parent: { HasFormatting: true } parent } item || fullCleanup.Contains(parent)) continue;
                    if (item.Content is FormatContent) fullCleanup.Add(parent);
                    else CleanGapAround(cleanup, item);
                }
            }
        }
        foreach (var type in fullCleanup) CleanLeadingMarks(cleanup, type);
    }

    private static bool IsGap(Item item) => item.Deleted || !item.Countable;

    private static void CleanGapAround(Transaction cleanup, Item item)
    {
        var n = item;
        while (n.Right != null && IsGap(n.Right)) n = n.Right;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Item? m = n; m != null && IsGap(m); m = m.Left)
        {
            if (!m.Deleted && m.Content is FormatContent format && !seen.Add(format.Key)) m.Delete(cleanup);
        }
    }

    private static void CleanLeadingMarks(Transaction cleanup, YType type)
    {
        var firstContent = type.Start;
        while (firstContent != null && IsGap(firstContent)) firstContent = firstContent.Right;
        if (firstContent == null) return;
        var lastOfKey = new Dictionary<string, Item>(StringComparer.Ordinal);
        for (var n = type.Start; n != firstContent; n = n!.Right)
        {
            if (!n!.Deleted && n.Content is FormatContent format) lastOfKey[format.Key] = n;
        }
        for (var n = type.Start; n != firstContent; n = n!.Right)
        {
            if (!n!.Deleted && n.Content is FormatContent format && (lastOfKey[format.Key] != n || format.Value == null)) n.Delete(cleanup);
        }
    }
}
