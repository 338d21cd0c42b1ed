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

    internal readonly record struct Patch(int Position, int Delete, string Insert);

    public int Run(string[] args)
    {
        if (args.Length < 1) return Fail(Usage);
        var (start, end, patches) = Load(args[0]);
        var heapBefore = Measure.HeapMb();

        var doc = new YDoc(clientId: 1);
        var text = doc.GetText("text");
        if (start.Length > 0) text.Insert(0, start);
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
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
        int[] collections = [GC.CollectionCount(0) - gcBefore[0], GC.CollectionCount(1) - gcBefore[1], GC.CollectionCount(2) - gcBefore[2]];
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
            ["gc_during_apply"] = string.Join("/", collections),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return ok ? 0 : 1;
    }

    /// <summary>Reads the trace with a forward-only reader: building a DOM of the 16 MB JSON would
    /// dominate the process's peak memory, which is one of the compared numbers.</summary>
    internal static (string Start, string End, List<Patch> Patches) Load(string path)
    {
        byte[] json;
        using (var file = File.OpenRead(path))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            gzip.CopyTo(buffer);
            json = buffer.ToArray();
        }
        var reader = new Utf8JsonReader(json);
        string start = "", end = "";
        var patches = new List<Patch>(300_000);
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "startContent": start = reader.GetString() ?? ""; break;
                case "endContent": end = reader.GetString() ?? ""; break;
                case "txns": ReadTransactions(ref reader, patches); break;
                default: reader.Skip(); break;
            }
        }
        return (start, end, patches);
    }

    private static void ReadTransactions(ref Utf8JsonReader reader, List<Patch> patches)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isPatches = reader.ValueTextEquals("patches"u8);
                reader.Read();
                if (!isPatches)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Read();
                    int position = reader.GetInt32();
                    reader.Read();
                    int delete = reader.GetInt32();
                    reader.Read();
                    string insert = reader.GetString() ?? "";
                    reader.Read(); // ]
                    patches.Add(new Patch(position, delete, insert));
                }
            }
        }
    }

    private static int Fail(string usage)
    {
        Console.Error.WriteLine("usage: trace " + usage);
        return 2;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"trace {Usage}");
}
