using System.Buffers.Binary;
using System.Text.Json;
using ETwinning.Collab.Crdt;

namespace ETwinning.Collab.Benchmarks.Commands;

/// <summary>
/// Applies Yjs v1 updates stored as (uint32 little-endian length, bytes) records, in file order, to
/// one document and reports the time and the resulting text of the root "text".
/// </summary>
internal sealed class MergeCommand : IBenchmarkCommand
{
    public string Usage => "<updates.bin> [--limits <conflict steps>]";

    public int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: merge " + Usage);
            return 2;
        }
        var updates = ReadRecords(File.ReadAllBytes(args[0]));
        var doc = new YDoc(clientId: 2);
        int limitsAt = Array.IndexOf(args, "--limits");
        // With --limits every update is checked as the server checks a browser's (work estimate, no gaps)
        // before it is applied: what normal editing costs under the limit, and whether anything is refused.
        var limits = limitsAt >= 0 && limitsAt + 1 < args.Length
            ? new YUpdateLimits { MaxConflictSteps = long.Parse(args[limitsAt + 1], System.Globalization.CultureInfo.InvariantCulture), RefuseMissingDependencies = true }
            : null;
        long mostSteps = 0, totalSteps = 0;
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        double applyMs = Measure.Ms(() =>
        {
            foreach (var update in updates)
            {
                if (limits == null)
                {
                    doc.ApplyUpdate(update);
                    continue;
                }
                var checkedUpdate = doc.Check(update, limits);
                mostSteps = Math.Max(mostSteps, checkedUpdate.ConflictSteps);
                totalSteps += checkedUpdate.ConflictSteps;
                doc.ApplyUpdate(checkedUpdate);
            }
        });
        string collections = $"{GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2]}";
        var state = doc.EncodeStateAsUpdate();
        var result = new Dictionary<string, object>
        {
            ["impl"] = "collab",
            ["updates"] = updates.Count,
            ["apply_ms"] = applyMs,
            ["doc_bytes"] = state.Length,
            ["text_sha256"] = Measure.Sha256(doc.GetText("text").ToString()),
            ["peak_rss_mb"] = Measure.PeakRssMb(),
            ["gc_during_apply"] = collections,
            ["limits"] = limits?.MaxConflictSteps ?? 0,
            ["most_conflict_steps"] = mostSteps,
            ["total_conflict_steps"] = totalSteps,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static List<byte[]> ReadRecords(byte[] data)
    {
        var records = new List<byte[]>();
        int offset = 0;
        while (offset + 4 <= data.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
            offset += 4;
            if (length < 0 || offset + length > data.Length) throw new InvalidDataException($"Record at {offset - 4} runs past the end of the file.");
            records.Add(data.AsSpan(offset, length).ToArray());
            offset += length;
        }
        if (offset != data.Length) throw new InvalidDataException("Trailing bytes after the last record.");
        return records;
    }
}
