using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>Writes structs and whole updates in the Yjs v1 format.</summary>
internal static class UpdateWriter
{
    /// <summary>Writes one struct starting <paramref name="offset"/> clocks into it.</summary>
    public static void WriteStruct(Lib0Writer writer, StructBase s, int offset)
    {
        switch (s)
        {
            case GcStruct:
                writer.WriteByte(0);
                writer.WriteVarUint((ulong)(s.Length - offset));
                return;
            case SkipStruct:
                writer.WriteByte(10);
                writer.WriteVarUint((ulong)(s.Length - offset));
                return;
        }
        var item = (Item)s;
        YId? origin = offset > 0 ? new YId(item.Client, item.Clock + offset - 1) : item.Origin;
        var rightOrigin = item.RightOrigin;
        int info = (item.Content.Ref & 0x1F) | (origin != null ? 0x80 : 0) | (rightOrigin != null ? 0x40 : 0) | (item.ParentSub != null ? 0x20 : 0);
        writer.WriteByte((byte)info);
        if (origin is { } o)
        {
            writer.WriteVarUint(o.Client);
            writer.WriteVarUint((ulong)o.Clock);
        }
        if (rightOrigin is { } r)
        {
            writer.WriteVarUint(r.Client);
            writer.WriteVarUint((ulong)r.Clock);
        }
        if (origin == null && rightOrigin == null)
        {
            WriteParent(writer, item);
            if (item.ParentSub != null) writer.WriteVarString(item.ParentSub);
        }
        item.Content.Write(writer, offset);
    }

    private static void WriteParent(Lib0Writer writer, Item item)
    {
        if (item.Parent is { } parent)
        {
            if (parent.ItemInternal is { } parentItem)
            {
                writer.WriteVarUint(0);
                writer.WriteVarUint(parentItem.Client);
                writer.WriteVarUint((ulong)parentItem.Clock);
            }
            else
            {
                writer.WriteVarUint(1);
                writer.WriteVarString(parent.RootName ?? throw new InvalidOperationException("Root type without a name."));
            }
        }
        else if (item.DecodedParentRoot is { } root)
        {
            writer.WriteVarUint(1);
            writer.WriteVarString(root);
        }
        else if (item.DecodedParentItem is { } id)
        {
            writer.WriteVarUint(0);
            writer.WriteVarUint(id.Client);
            writer.WriteVarUint((ulong)id.Clock);
        }
        else
        {
            throw new InvalidOperationException("Item without parent information.");
        }
    }

    /// <summary>A run of structs of one client, written from <see cref="StartClock"/> on.</summary>
    public readonly record struct ClientRun(ulong Client, long StartClock, IReadOnlyList<StructBase> Structs);

    /// <summary>Writes the struct section: clients in descending order, as yjs does.</summary>
    public static void WriteClientRuns(Lib0Writer writer, List<ClientRun> runs)
    {
        runs.Sort(static (a, b) => b.Client.CompareTo(a.Client));
        writer.WriteVarUint((ulong)runs.Count);
        foreach (var run in runs)
        {
            writer.WriteVarUint((ulong)run.Structs.Count);
            writer.WriteVarUint(run.Client);
            writer.WriteVarUint((ulong)run.StartClock);
            for (int i = 0; i < run.Structs.Count; i++)
            {
                var s = run.Structs[i];
                WriteStruct(writer, s, i == 0 ? (int)(run.StartClock - s.Clock) : 0);
            }
        }
    }

    /// <summary>Reads a state vector (client → next clock).</summary>
    public static Dictionary<ulong, long> ReadStateVector(ReadOnlySpan<byte> encoded)
    {
        var sv = new Dictionary<ulong, long>();
        if (encoded.IsEmpty) return sv;
        var reader = new Lib0Reader(encoded);
        int count = reader.ReadVarUintAsInt("State vector size");
        for (int i = 0; i < count; i++)
        {
            ulong client = reader.ReadVarUint();
            sv[client] = (long)reader.ReadVarUint();
        }
        return sv;
    }

    public static byte[] WriteStateVector(IReadOnlyDictionary<ulong, long> sv)
    {
        var writer = new Lib0Writer(16 + sv.Count * 8);
        writer.WriteVarUint((ulong)sv.Count);
        foreach (var client in sv.Keys.OrderDescending())
        {
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)sv[client]);
        }
        return writer.ToArray();
    }
}
