using ETwinning.Collab.Crdt.Core.Contents;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// Integration of items into their parent's list: the YATA rules that make every replica order
/// concurrent insertions the same way (by origin, right origin and client id), plus the map rule that
/// the rightmost entry of a key wins.
/// </summary>
internal static class Yata
{
    /// <summary>The client whose missing history blocks <paramref name="item"/>, or null if none.</summary>
    public static ulong? FindMissingDependency(StructStore store, Item item)
    {
        if (item.Origin is { } o && o.Client != item.Client && o.Clock >= store.GetState(o.Client)) return o.Client;
        if (item.RightOrigin is { } r && r.Client != item.Client && r.Clock >= store.GetState(r.Client)) return r.Client;
        if (item.DecodedParentItem is { } p && p.Client != item.Client && p.Clock >= store.GetState(p.Client)) return p.Client;
        return null;
    }

    /// <summary>Integrates a decoded remote item (all dependencies present), skipping its first
    /// <paramref name="offset"/> clocks which this document already has.</summary>
    public static void IntegrateRemote(Transaction transaction, Item item, int offset)
    {
        var store = transaction.Doc.Store;
        bool collectAsGarbage = false;
        if (item.Origin is { } origin)
        {
            var left = store.GetCleanEnd(transaction, origin);
            if (left is Item leftItem)
            {
                item.Left = leftItem;
                item.Origin = leftItem.LastId;
            }
            else
            {
                collectAsGarbage = true;
            }
        }
        if (item.RightOrigin is { } rightOrigin)
        {
            var right = store.GetCleanStart(transaction, rightOrigin);
            if (right is Item rightItem)
            {
                item.Right = rightItem;
                item.RightOrigin = rightItem.Id;
            }
            else
            {
                collectAsGarbage = true;
            }
        }
        if (!collectAsGarbage) item.Parent = ResolveParent(transaction.Doc, item);

        if (offset > 0)
        {
            item.Clock += offset;
            item.Content = item.Content.SplitAt(offset);
            item.Length -= offset;
            var ownLeft = store.GetCleanEnd(transaction, new YId(item.Client, item.Clock - 1));
            if (ownLeft is Item ownLeftItem)
            {
                item.Left = ownLeftItem;
                item.Origin = ownLeftItem.LastId;
            }
            else
            {
                collectAsGarbage = true;
            }
        }

        if (collectAsGarbage || item.Parent == null)
        {
            transaction.RecordBeforeState(item.Client, store);
            store.Add(new GcStruct(item.Client, item.Clock, item.Length));
            return;
        }
        Integrate(transaction, item);
    }

    private static YType? ResolveParent(YDoc doc, Item item)
    {
        if (item.DecodedParentRoot != null) return doc.GetOrCreateRoot(item.DecodedParentRoot);
        if (item.DecodedParentItem is { } parentId)
        {
            // A parent that was garbage collected (or is not a type) turns the item into garbage, as in yjs.
            return doc.Store.Find(parentId) is Item { Content: TypeContent typeContent } ? typeContent.Type : null;
        }
        if (item.Left != null)
        {
            item.ParentSub = item.Left.ParentSub;
            return item.Left.Parent;
        }
        if (item.Right != null)
        {
            item.ParentSub = item.Right.ParentSub;
            return item.Right.Parent;
        }
        return null;
    }

    /// <summary>Integrates an item whose <see cref="Item.Left"/>, <see cref="Item.Right"/> and parent
    /// are resolved (local insertions arrive here directly).</summary>
    public static void Integrate(Transaction transaction, Item item)
    {
        var parent = item.Parent!;
        var doc = transaction.Doc;
        if ((item.Left == null && (item.Right == null || item.Right.Left != null)) || (item.Left != null && item.Left.Right != item.Right))
        {
            item.Left = ResolveConflict(doc, item, parent);
        }
        Link(transaction, item, parent);
        if (item.ParentSub == null && item.Countable && !item.Deleted) parent.ContentLength += item.Length;
        transaction.RecordBeforeState(item.Client, doc.Store);
        doc.Store.Add(item);
        item.Content.Integrate(transaction, item);
        transaction.MarkChanged(parent);
        if ((parent.ItemInternal != null && parent.ItemInternal.Deleted) || (item.ParentSub != null && item.Right != null))
        {
            item.Delete(transaction);
        }
    }

    /// <summary>
    /// Finds the left neighbour among concurrently inserted items between the origins. Items that
    /// share our origin are ordered by client id, unless they share the right origin too; items whose
    /// origin lies within the conflicting range keep their place after it.
    /// </summary>
    private static Item? ResolveConflict(YDoc doc, Item item, YType parent)
    {
        var left = item.Left;
        Item? o;
        if (left != null)
        {
            o = left.Right;
        }
        else if (item.ParentSub != null)
        {
            parent.MapItems.TryGetValue(item.ParentSub, out o);
            while (o?.Left != null) o = o.Left;
        }
        else
        {
            o = parent.Start;
        }
        var conflicting = doc.ScratchConflicting;
        var seen = doc.ScratchSeen;
        conflicting.Clear();
        seen.Clear();
        while (o != null && o != item.Right)
        {
            seen.Add(o);
            conflicting.Add(o);
            if (item.Origin == o.Origin)
            {
                if (o.Client < item.Client)
                {
                    left = o;
                    conflicting.Clear();
                }
                else if (item.RightOrigin == o.RightOrigin)
                {
                    break;
                }
            }
            else if (o.Origin is { } otherOrigin && doc.Store.Find(otherOrigin) is Item originItem && seen.Contains(originItem))
            {
                if (!conflicting.Contains(originItem))
                {
                    left = o;
                    conflicting.Clear();
                }
            }
            else
            {
                break;
            }
            o = o.Right;
        }
        conflicting.Clear();
        seen.Clear();
        return left;
    }

    private static void Link(Transaction transaction, Item item, YType parent)
    {
        if (item.Left != null)
        {
            item.Right = item.Left.Right;
            item.Left.Right = item;
        }
        else
        {
            Item? right;
            if (item.ParentSub != null)
            {
                parent.MapItems.TryGetValue(item.ParentSub, out right);
                while (right?.Left != null) right = right.Left;
            }
            else
            {
                right = parent.Start;
                parent.Start = item;
            }
            item.Right = right;
        }
        if (item.Right != null)
        {
            item.Right.Left = item;
        }
        else if (item.ParentSub != null)
        {
            // The rightmost entry of a key is its current value; the previous one is overwritten.
            parent.MapItems[item.ParentSub] = item;
            item.Left?.Delete(transaction);
        }
    }
}
