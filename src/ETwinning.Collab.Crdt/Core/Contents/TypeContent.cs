using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>A nested shared type (map, array, text, XML node).</summary>
internal sealed class TypeContent(YType type) : ItemContent
{
    public YType Type { get; } = type;

    public override int Ref => RefType;
    public override int Length => 1;
    public override ItemContent Copy() => new TypeContent(Type.CreateEmptyCopy());

    public override void Write(Lib0Writer writer, int offset)
    {
        writer.WriteVarUint((ulong)Type.TypeRef);
        if (Type.NodeNameForEncoding is { } name) writer.WriteVarString(name);
    }

    public override void Integrate(Transaction transaction, Item item) => Type.Attach(transaction.Doc, item);

    public override void Delete(Transaction transaction)
    {
        for (var child = Type.Start; child != null; child = child.Right)
        {
            if (!child.Deleted) child.Delete(transaction);
        }
        foreach (var entry in Type.MapItems.Values)
        {
            if (!entry.Deleted) entry.Delete(transaction);
        }
        transaction.Changed.Remove(Type);
    }

    public override void Gc(StructStore store)
    {
        // Iterative so that deeply nested documents cannot overflow the stack.
        var pending = new Stack<YType>();
        pending.Push(Type);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            for (var child = type.Start; child != null; child = child.Right) ReplaceWithGc(store, child, pending);
            foreach (var entry in type.MapItems.Values)
            {
                for (var child = entry; child != null; child = child.Left) ReplaceWithGc(store, child, pending);
            }
            type.Start = null;
            type.MapItems.Clear();
            type.ContentLength = 0;
        }
    }

    private static void ReplaceWithGc(StructStore store, Item child, Stack<YType> pending)
    {
        if (child.Content is TypeContent nested) pending.Push(nested.Type);
        store.Replace(child, new GcStruct(child.Client, child.Clock, child.Length));
    }

    public override IEnumerable<object?> Values() => [Type];
}
