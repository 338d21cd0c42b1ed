using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>Placeholder for content that was deleted and garbage collected; only the length remains.</summary>
internal sealed class DeletedContent(int length) : ItemContent
{
    private int _length = length;

    public override int Ref => RefDeleted;
    public override int Length => _length;
    public override bool Countable => false;
    public override bool Mergeable => true;
    public override ItemContent Copy() => new DeletedContent(_length);

    public override ItemContent SplitAt(int offset)
    {
        var right = new DeletedContent(_length - offset);
        _length = offset;
        return right;
    }

    public override void Append(ItemContent right) => _length += right.Length;

    public override void Write(Lib0Writer writer, int offset) => writer.WriteVarUint((ulong)(_length - offset));

    public override void Integrate(Transaction transaction, Item item)
    {
        // Content that arrives already deleted is recorded as a deletion of this transaction.
        transaction.DeleteSet.Add(item.Client, item.Clock, _length);
        item.Deleted = true;
    }
}
