using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ETwinning.Collab.Crdt;

namespace ETwinning.Collab.Benchmarks.Commands;

/// <summary>
/// Replays a sequential editing trace (gzip JSON: startContent, endContent, txns of [pos, del, text]
/// patches) into the text "text" of a document with client id 1, one transaction per patch as yjs
/// would, then encodes the full state and parses it into a new document.
/// </summary>
internal sealed class TraceCommand : IBenchmarkCommand
{
    public string Usage => "<trace.json.gz>";

    private readonly record struct Patch(int Position, int Delete, string Insert);

    public int Run(string[] args)
    {
        if (args.Length < 1) return Fail(Usage);
        var (start, end, patches) = Load(args[0]);
        var heapBefore = Measure.HeapMb();

        var doc = new YDoc(clientId: 1);
        var text = doc.GetText("text");
        if (start.Length > 0) text.Insert(0, start);
        double applyMs = Measure.Ms(() =>
        {
            foreach (var patch in patches)
            {
                doc.Transact(_ =>
                {
                    if (patch.Delete > 0) text.Delete(patch.Position, patch.Delete);
                    if (patch.Insert.Length > 0) text.Insert(patch.Position, patch.Insert);
                });
            }
        });
        double heapAfterApply = Math.Round(Measure.HeapMb() - heapBefore, 1);

        byte[] update = [];
        double encodeMs = Measure.Ms(() => update = doc.EncodeStateAsUpdate());
        YDoc? parsed = null;
        double parseMs = Measure.Ms(() =>
        {
            parsed = new YDoc(clientId: 2);
            parsed.ApplyUpdate(update);
        });
        string finalText = text.ToString();
        bool ok = finalText == end && parsed!.GetText("text").ToString() == end;
        GC.KeepAlive(doc);

        var result = new Dictionary<string, object>
        {
            ["impl"] = "collab",
            ["trace"] = Path.GetFileName(args[0]).Replace(".json.gz", "", StringComparison.Ordinal),
            ["ops"] = patches.Count,
            ["apply_ms"] = applyMs,
            ["encode_ms"] = encodeMs,
            ["parse_ms"] = parseMs,
            ["doc_bytes"] = update.Length,
            ["text_ok"] = ok,
            ["text_sha256"] = Measure.Sha256(finalText),
            ["update_sha256"] = Measure.Sha256(update),
            ["heap_mb"] = heapAfterApply,
            ["peak_rss_mb"] = Measure.PeakRssMb(),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return ok ? 0 : 1;
    }

    private static (string Start, string End, List<Patch> Patches) Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var root = json.RootElement;
        var patches = new List<Patch>();
        foreach (var txn in root.GetProperty("txns").EnumerateArray())
        {
            foreach (var patch in txn.GetProperty("patches").EnumerateArray())
            {
                patches.Add(new Patch(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString() ?? ""));
            }
        }
        return (root.GetProperty("startContent").GetString() ?? "", root.GetProperty("endContent").GetString() ?? "", patches);
    }

    private static int Fail(string usage)
    {
        Console.Error.WriteLine("usage: trace " + usage);
        return 2;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"trace {Usage}");
}
