using ETwinning.Collab.Crdt.Core.Contents;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// A run of content inserted by one client in one place. Items of a type form a doubly linked list
/// (<see cref="Left"/>/<see cref="Right"/>) in document order; <see cref="Origin"/> and
/// <see cref="RightOrigin"/> record the neighbours at insertion time and drive conflict resolution.
/// </summary>
internal sealed class Item : StructBase
{
    public Item? Left;
    public Item? Right;
    public YId? Origin;
    public YId? RightOrigin;
    public YType? Parent;
    public string? ParentSub;
    public ItemContent Content;
    public bool Deleted;

    /// <summary>Parent reference as decoded (root name), until the item is integrated.</summary>
    public string? DecodedParentRoot;

    /// <summary>Parent reference as decoded (id of the item holding the parent type).</summary>
    public YId? DecodedParentItem;

    public Item(ulong client, long clock, YId? origin, YId? rightOrigin, ItemContent content)
    {
        Client = client;
        Clock = clock;
        Origin = origin;
        RightOrigin = rightOrigin;
        Content = content;
        Length = content.Length;
    }

    public override bool IsDeleted => Deleted;

    public bool Countable => Content.Countable;

    /// <summary>Positions this item occupies in its parent (0 when deleted or not countable).</summary>
    public int VisibleLength => !Deleted && Content.Countable ? Length : 0;

    public YId LastId => new(Client, Clock + Length - 1);

    /// <summary>Splits at <paramref name="offset"/>: this keeps the head, the returned item the tail.
    /// The tail is linked right after this item and added to the store.</summary>
    public Item Split(Transaction transaction, int offset)
    {
        var right = new Item(Client, Clock + offset, new YId(Client, Clock + offset - 1), RightOrigin, Content.SplitAt(offset))
        {
            Left = this,
            Right = Right,
            Parent = Parent,
            ParentSub = ParentSub,
            Deleted = Deleted,
        };
        Length = offset;
        if (right.Right != null) right.Right.Left = right;
        Right = right;
        if (right.ParentSub != null && right.Right == null) right.Parent!.MapItems[right.ParentSub] = right;
        transaction.Doc.Store.InsertAfter(this, right);
        transaction.MergeCandidates.Add(right);
        return right;
    }

    /// <summary>Marks the item deleted, records it in the transaction and deletes nested content.</summary>
    public void Delete(Transaction transaction)
    {
        if (Deleted) return;
        var parent = Parent!;
        if (ParentSub == null && Countable)
        {
            parent.ContentLength -= Length;
        }
        Deleted = true;
        transaction.DeleteSet.Add(Client, Clock, Length);
        transaction.MarkChanged(parent);
        Content.Delete(transaction);
    }

    /// <summary>Drops the content of a deleted item, keeping only its length.</summary>
    public void Gc(StructStore store)
    {
        Content.Gc(store);
        if (Content is not DeletedContent) Content = new DeletedContent(Length);
    }

    /// <summary>Merges <paramref name="right"/> into this item if yjs would (same client, consecutive
    /// clocks, direct neighbours, compatible origins and content, same deletion state).</summary>
    public bool TryMerge(Item right)
    {
        if (right.Client != Client || right.Clock != Clock + Length || Right != right || Deleted != right.Deleted) return false;
        if (right.Origin != LastId || right.RightOrigin != RightOrigin) return false;
        if (!Content.Mergeable || Content.GetType() != right.Content.GetType()) return false;
        Content.Append(right.Content);
        Length += right.Length;
        Right = right.Right;
        if (Right != null) Right.Left = this;
        if (ParentSub != null && Parent!.MapItems.TryGetValue(ParentSub, out var current) && current == right)
        {
            Parent.MapItems[ParentSub] = this;
        }
        Parent?.OnItemMerged(this, right);
        return true;
    }

    public override StructBase SliceFrom(int offset)
    {
        var content = Content.Copy();
        var tail = offset == 0 ? content : content.SplitAt(offset);
        return new Item(Client, Clock + offset, offset == 0 ? Origin : new YId(Client, Clock + offset - 1), RightOrigin, tail)
        {
            ParentSub = ParentSub,
            DecodedParentRoot = DecodedParentRoot,
            DecodedParentItem = DecodedParentItem,
            Parent = Parent,
        };
    }
}
