using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>JSON-like values (lib0 "any" encoding), one clock per value.</summary>
internal sealed class AnyContent(List<object?> values) : ItemContent
{
    public List<object?> Items { get; } = values;

    public override int Ref => RefAny;
    public override int Length => Items.Count;
    public override bool Mergeable => true;
    public override ItemContent Copy() => new AnyContent([.. Items]);

    public override ItemContent SplitAt(int offset)
    {
        var right = new AnyContent(Items.GetRange(offset, Items.Count - offset));
        Items.RemoveRange(offset, Items.Count - offset);
        return right;
    }

    public override void Append(ItemContent right) => Items.AddRange(((AnyContent)right).Items);

    public override void Write(Lib0Writer writer, int offset)
    {
        writer.WriteVarUint((ulong)(Items.Count - offset));
        for (int i = offset; i < Items.Count; i++) writer.WriteAny(Items[i]);
    }

    public override IEnumerable<object?> Values() => Items;
}
