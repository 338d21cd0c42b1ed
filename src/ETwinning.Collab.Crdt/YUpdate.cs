using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt;

/// <summary>Operations on encoded Yjs v1 updates that need no document.</summary>
public static class YUpdate
{
    /// <summary>Parses an update completely; throws <see cref="CrdtFormatException"/> if it is malformed.</summary>
    public static void Validate(ReadOnlySpan<byte> update) => DecodedUpdate.Decode(update);

    /// <summary>Merges updates into one that has the effect of applying all of them.</summary>
    public static byte[] Merge(params byte[][] updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var decoded = updates.Select(u => DecodedUpdate.Decode(u)).ToList();
        var byClient = new Dictionary<ulong, List<StructBase>>();
        var deletes = new DeleteSet();
        foreach (var update in decoded)
        {
            foreach (var (client, structs) in update.Structs)
            {
                if (!byClient.TryGetValue(client, out var list))
                {
                    list = [];
                    byClient[client] = list;
                }
                list.AddRange(structs);
            }
            deletes.AddAll(update.DeleteSet);
        }
        deletes.SortAndMerge();
        var runs = new List<UpdateWriter.ClientRun>();
        foreach (var (client, structs) in byClient)
        {
            var merged = Sweep(client, structs, 0);
            if (merged.Count > 0) runs.Add(new UpdateWriter.ClientRun(client, merged[0].Clock, merged));
        }
        return Write(runs, deletes);
    }

    /// <summary>The part of <paramref name="update"/> that a replica with <paramref name="stateVector"/>
    /// is missing (deletions are always kept).</summary>
    public static byte[] DiffUpdate(ReadOnlySpan<byte> update, ReadOnlySpan<byte> stateVector)
    {
        var decoded = DecodedUpdate.Decode(update);
        var sv = UpdateWriter.ReadStateVector(stateVector);
        var runs = new List<UpdateWriter.ClientRun>();
        foreach (var (client, structs) in decoded.Structs)
        {
            var kept = Sweep(client, structs, sv.GetValueOrDefault(client));
            if (kept.Count > 0) runs.Add(new UpdateWriter.ClientRun(client, kept[0].Clock, kept));
        }
        return Write(runs, decoded.DeleteSet);
    }

    /// <summary>The state vector a document would have after applying only this update: for every
    /// client, the end of the contiguous history starting at clock 0.</summary>
    public static byte[] StateVectorFromUpdate(ReadOnlySpan<byte> update)
    {
        var decoded = DecodedUpdate.Decode(update);
        var sv = new Dictionary<ulong, long>();
        foreach (var (client, structs) in decoded.Structs)
        {
            long clock = 0;
            foreach (var s in structs)
            {
                if (s is SkipStruct || s.Clock > clock) break;
                clock = Math.Max(clock, s.EndClock);
            }
            if (clock > 0) sv[client] = clock;
        }
        return UpdateWriter.WriteStateVector(sv);
    }

    /// <summary>Orders one client's structs, drops what is before <paramref name="from"/> or duplicated,
    /// and fills gaps with skips.</summary>
    private static List<StructBase> Sweep(ulong client, List<StructBase> structs, long from)
    {
        // By clock; at equal clocks the update listed first wins (as in yjs's merge), skips last.
        var ordered = structs.OrderBy(s => s.Clock).ThenBy(s => s is SkipStruct ? 1 : 0);
        var result = new List<StructBase>();
        long clock = from;
        bool started = false;
        foreach (var s in ordered)
        {
            if (s is SkipStruct || s.EndClock <= clock) continue;
            var piece = s.Clock < clock ? s.SliceFrom((int)(clock - s.Clock)) : s;
            if (started && piece.Clock > clock) result.Add(new SkipStruct(client, clock, (int)(piece.Clock - clock)));
            result.Add(piece);
            clock = piece.EndClock;
            started = true;
        }
        return result;
    }

    private static byte[] Write(List<UpdateWriter.ClientRun> runs, DeleteSet deletes)
    {
        var writer = new Lib0Writer();
        UpdateWriter.WriteClientRuns(writer, runs);
        deletes.Write(writer);
        return writer.ToArray();
    }
}
