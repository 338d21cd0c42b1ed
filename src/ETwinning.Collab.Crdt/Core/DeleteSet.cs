using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>Deleted clock ranges per client.</summary>
internal sealed class DeleteSet
{
    public Dictionary<ulong, List<DeleteRange>> Clients { get; } = [];

    public bool IsEmpty => Clients.Count == 0;

    public void Add(ulong client, long clock, long length)
    {
        if (!Clients.TryGetValue(client, out var ranges))
        {
            ranges = [];
            Clients[client] = ranges;
        }
        // Sequential deletes extend the last range instead of adding one (cheap and common).
        if (ranges.Count > 0)
        {
            var last = ranges[^1];
            if (last.Clock + last.Length == clock)
            {
                ranges[^1] = new DeleteRange(last.Clock, last.Length + length);
                return;
            }
        }
        ranges.Add(new DeleteRange(clock, length));
    }

    public void AddAll(DeleteSet other)
    {
        foreach (var (client, ranges) in other.Clients)
        {
            foreach (var range in ranges) Add(client, range.Clock, range.Length);
        }
    }

    /// <summary>Sorts every client's ranges and merges overlapping or adjacent ones.</summary>
    public void SortAndMerge()
    {
        foreach (var ranges in Clients.Values)
        {
            ranges.Sort(static (a, b) => a.Clock.CompareTo(b.Clock));
            int write = 0;
            for (int read = 1; read < ranges.Count; read++)
            {
                var left = ranges[write];
                var right = ranges[read];
                if (left.Clock + left.Length >= right.Clock)
                {
                    ranges[write] = new DeleteRange(left.Clock, Math.Max(left.Length, right.Clock + right.Length - left.Clock));
                }
                else
                {
                    ranges[++write] = right;
                }
            }
            if (ranges.Count > 0) ranges.RemoveRange(write + 1, ranges.Count - write - 1);
        }
    }

    public bool Contains(YId id)
    {
        if (!Clients.TryGetValue(id.Client, out var ranges)) return false;
        foreach (var range in ranges)
        {
            if (range.Clock <= id.Clock && id.Clock < range.Clock + range.Length) return true;
        }
        return false;
    }

    /// <summary>Writes the delete set (clients in descending order, like yjs).</summary>
    public void Write(Lib0Writer writer)
    {
        writer.WriteVarUint((ulong)Clients.Count);
        foreach (var client in Clients.Keys.OrderDescending())
        {
            var ranges = Clients[client];
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)ranges.Count);
            foreach (var range in ranges)
            {
                writer.WriteVarUint((ulong)range.Clock);
                writer.WriteVarUint((ulong)range.Length);
            }
        }
    }

    public static DeleteSet Read(ref Lib0Reader reader)
    {
        var ds = new DeleteSet();
        int clientCount = reader.ReadVarUintAsInt("Delete set client count");
        for (int c = 0; c < clientCount; c++)
        {
            ulong client = reader.ReadVarUint();
            int rangeCount = reader.ReadVarUintAsInt("Delete set range count");
            if (!ds.Clients.TryGetValue(client, out var ranges))
            {
                ranges = new List<DeleteRange>(Math.Min(rangeCount, reader.Remaining / 2));
                ds.Clients[client] = ranges;
            }
            for (int r = 0; r < rangeCount; r++)
            {
                long clock = (long)reader.ReadVarUint();
                long length = (long)reader.ReadVarUint();
                if (clock + length > (long)Lib0Reader.MaxSafeInteger) throw new CrdtFormatException("Delete range exceeds the clock limit.");
                if (length > 0) ranges.Add(new DeleteRange(clock, length));
            }
        }
        return ds;
    }

    /// <summary>The delete set implied by a store: every run of deleted structs.</summary>
    public static DeleteSet FromStore(StructStore store)
    {
        var ds = new DeleteSet();
        foreach (var (client, list) in store.Clients)
        {
            List<DeleteRange>? ranges = null;
            long runStart = -1, runEnd = -1;
            foreach (var s in list.From(0))
            {
                if (!s.IsDeleted) continue;
                if (s.Clock == runEnd)
                {
                    runEnd = s.EndClock;
                    continue;
                }
                if (runStart >= 0) (ranges ??= []).Add(new DeleteRange(runStart, runEnd - runStart));
                runStart = s.Clock;
                runEnd = s.EndClock;
            }
            if (runStart >= 0) (ranges ??= []).Add(new DeleteRange(runStart, runEnd - runStart));
            if (ranges != null) ds.Clients[client] = ranges;
        }
        return ds;
    }
}

/// <summary>A deleted clock range of one client.</summary>
internal readonly record struct DeleteRange(long Clock, long Length);
