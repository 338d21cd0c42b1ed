using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Benchmarks.Pages;

/// <summary>
/// The same live-page workloads against ETwinning.Collab and against Hocuspocus 4.7 (default settings), one
/// server after the other, each alone: real yjs clients in Node (pages-vs/loadtest.mjs), propagation latency
/// per typed character (by Yjs item id), deliveries against expected, convergence, and the server's CPU seconds
/// and peak resident memory from /proc. Bounded in connections and seconds; stops by itself.
/// Each server first serves an unmeasured warm-up (<see cref="WarmUpEditors"/> editors typing on one page): a
/// server runs for days, and the first seconds of a fresh .NET process are mostly the JIT compiling its hot paths.
/// </summary>
internal sealed class PagesVsCommand : IBenchmarkCommand
{
    public string Usage => "[--seconds 20] [--workloads 30x1,200x5,join,idle] [--idle 19000] [--targets collab,hocuspocus] [--trace <automerge-paper.json.gz>] [--server <ETwinning.Collab.Server.dll>] [--in-flight <the provider's maxInFlight>] [--warmup <seconds, 0 for none; default 15>] [--load-processes <Node processes sharing a typing workload's pages; default 1>]";

    /// <summary>Editors of the warm-up page: the 30x1 shape, which runs every path of the typing workloads.</summary>
    private const int WarmUpEditors = 30;

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var (root, seconds, trace, serverDll) = PagesArguments.Parse(args);
        var folder = Path.Combine(root, "tests", "ETwinning.Collab.Benchmarks", "pages-vs");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@hocuspocus")))
            throw new InvalidOperationException($"Run `npm ci` in {folder} first.");
        var workloads = (PagesArguments.Option(args, "--workloads") ?? "30x1,200x5,join,idle").Split(',');
        var targets = (PagesArguments.Option(args, "--targets") ?? "collab,hocuspocus").Split(',');
        var idle = int.Parse(PagesArguments.Option(args, "--idle") ?? "19000", CultureInfo.InvariantCulture);
        // Our provider's sends awaiting their answer at once (maxInFlight); unset, its default.
        var inFlight = PagesArguments.Option(args, "--in-flight") is { } given ? int.Parse(given, CultureInfo.InvariantCulture) : (int?)null;
        var warmUp = int.Parse(PagesArguments.Option(args, "--warmup") ?? "15", CultureInfo.InvariantCulture);
        // One Node process runs every editor on one thread; 200x5 saturates it (tool_cpu_s near the typing seconds),
        // and then its queueing is in every latency. Several processes split the pages (a page's editors stay together,
        // so each latency is still measured on one clock).
        var loadProcesses = int.Parse(PagesArguments.Option(args, "--load-processes") ?? "1", CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("pages-vs-").FullName;
        var statePath = Path.Combine(work, "trace-state.bin");
        if (workloads.Contains("join")) await File.WriteAllBytesAsync(statePath, TraceState(trace));

        var run = new VsRun(folder, work, workloads, seconds, idle, statePath, warmUp, loadProcesses);
        var results = new List<JsonObject>();
        foreach (var target in targets)
            results.AddRange(target == "collab" ? await RunCollabAsync(run, serverDll, trace, inFlight) : await RunHocuspocusAsync(run));
        foreach (var result in results) Console.WriteLine(result.ToJsonString());
        PrintRatios(results);
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>What every target's run is told alike: where the load tool lives and writes, the workloads and their sizes.</summary>
    private sealed record VsRun(string Folder, string Work, string[] Workloads, int Seconds, int Idle, string StatePath, int WarmUpSeconds, int LoadProcesses);

    private static async Task<List<JsonObject>> RunCollabAsync(VsRun run, string serverDll, string trace, int? inFlight)
    {
        var results = new List<JsonObject>();
        await using var server = await BenchServer.StartAsync(serverDll);
        var teacher = await server.NewTeacherAsync();
        await using var admin = await server.ConnectAsync(teacher);
        var twinSpaceId = (await admin.CreateTwinSpaceAsync("Load")).Id;
        var meter = new ProcessMeter(server.ProcessId);
        var common = new JsonObject { ["target"] = "collab", ["url"] = server.BaseUrl.ToString().TrimEnd('/'), ["token"] = teacher.AccessToken, ["twinSpaceId"] = twinSpaceId, ["maxUpdateBytes"] = 32 * 1024 };
        if (inFlight is { } sends) common["maxInFlight"] = sends;
        if (run.WarmUpSeconds > 0) await WarmUpAsync(run, common, (await admin.CreatePageAsync(twinSpaceId, "Warm-up")).Id);
        foreach (var workload in run.Workloads)
        {
            var pageIds = new List<string>();
            if (workload == "join")
            {
                pageIds.Add((await admin.CreatePageAsync(twinSpaceId, "Trace")).Id);
                await PagesCommand.UploadTraceAsync(admin, twinSpaceId, pageIds[0], trace);
            }
            else if (workload != "idle")
            {
                for (var i = 0; i < ParseTyping(workload).Pages; i++) pageIds.Add((await admin.CreatePageAsync(twinSpaceId, $"{workload} {i}")).Id);
            }
            results.Add(await MeasureAsync(run, workload, Configure(run, common, workload, pageIds), meter));
        }
        return results;
    }

    private static async Task<List<JsonObject>> RunHocuspocusAsync(VsRun run)
    {
        var results = new List<JsonObject>();
        var port = BenchServer.FreePort();
        var start = new ProcessStartInfo("node", ["hocuspocus-server.mjs", port.ToString(CultureInfo.InvariantCulture)]) { WorkingDirectory = run.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (ready?.StartsWith("ready", StringComparison.Ordinal) != true) throw new InvalidOperationException("Hocuspocus did not start: " + ready);
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var meter = new ProcessMeter(process.Id);
            var common = new JsonObject { ["target"] = "hocuspocus", ["url"] = $"ws://127.0.0.1:{port}" };
            if (run.WarmUpSeconds > 0) await WarmUpAsync(run, common, "warm-up");
            foreach (var workload in run.Workloads)
            {
                // Hocuspocus makes a document on first use, so its pages are names only.
                var pageNames = workload switch
                {
                    "join" => ["trace"],
                    "idle" => [],
                    _ => Enumerable.Range(0, ParseTyping(workload).Pages).Select(i => $"{workload}-{i}").ToList(),
                };
                results.Add(await MeasureAsync(run, workload, Configure(run, common, workload, pageNames), meter));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return results;
    }

    /// <summary>The configuration of one workload for loadtest.mjs: <paramref name="pages"/> are the target's page ids (none for idle).</summary>
    private static JsonObject Configure(VsRun run, JsonObject common, string workload, List<string> pages)
    {
        var config = (JsonObject)common.DeepClone();
        switch (workload)
        {
            case "join":
                config["workload"] = "join";
                config["pages"] = new JsonArray(pages[0]);
                config["joins"] = 10;
                config["statePath"] = run.StatePath;
                break;
            case "idle":
                config["workload"] = "idle";
                config["seconds"] = Math.Min(run.Seconds, 15);
                config["connections"] = run.Idle;
                break;
            default:
                config["workload"] = "typing";
                config["pages"] = new JsonArray([.. pages.Select(page => (JsonNode)JsonValue.Create(page))]);
                config["editorsPerPage"] = ParseTyping(workload).Editors;
                config["seconds"] = run.Seconds;
                config["charsPerSecond"] = PagesArguments.CharsPerSecond;
                break;
        }
        return config;
    }

    /// <summary>Typing nobody measures; it must still deliver everything and converge, or the server is not fit to measure.</summary>
    private static async Task WarmUpAsync(VsRun run, JsonObject common, string page)
    {
        var config = Configure(run with { Seconds = run.WarmUpSeconds }, common, $"{WarmUpEditors}x1", [page]);
        var result = await RunNodeAsync(run, "warm-up", config);
        if ((int)result["delivered"]! != (int)result["expected"]! || (int)result["converged_pages"]! != 1)
            throw new InvalidOperationException($"The warm-up of {config["target"]} lost edits: {result.ToJsonString()}");
        Console.Error.WriteLine($"warmed up {config["target"]}: {config["seconds"]} s, {result["typed"]} characters");
    }

    /// <summary>Runs one workload in Node (idle: in shards of at most 9,500 sockets, the per-process file limit here
    /// is 20,000) and measures the server meanwhile.</summary>
    private static async Task<JsonObject> MeasureAsync(VsRun run, string workload, JsonObject config, ProcessMeter meter)
    {
        var rssBefore = meter.RssMb();
        meter.Start();
        var wall = Stopwatch.StartNew();
        JsonObject result;
        if (workload == "idle")
        {
            var total = (int)config["connections"]!;
            var shards = (total + 9_499) / 9_500;
            var parts = await Task.WhenAll(Enumerable.Range(0, shards).Select(shard =>
            {
                var part = (JsonObject)config.DeepClone();
                part["connections"] = total / shards + (shard < total % shards ? 1 : 0);
                part["offset"] = shard * (total / shards + 1);
                return RunNodeAsync(run, $"{workload}-{shard}", part);
            }));
            result = parts[0];
            foreach (var key in new[] { "connections", "joined", "failed", "still_open" })
                result[key] = parts.Sum(p => (int)p[key]!);
            result["open_s"] = parts.Max(p => (double)p["open_s"]!);
        }
        else if (workload is not "join" && run.LoadProcesses > 1)
        {
            result = await RunShardedAsync(run, workload, config);
        }
        else
        {
            result = await RunNodeAsync(run, workload, config);
        }
        var cpu = await meter.StopAsync();
        result["scenario"] = workload;
        result["server_cpu_s"] = cpu;
        result["wall_s"] = Math.Round(wall.Elapsed.TotalSeconds, 1);
        result["server_rss_before_mb"] = rssBefore;
        result["server_peak_rss_mb"] = meter.PeakRssMb;
        if (result["typed"] is { } typed && (int)typed > 0) result["server_cpu_ms_per_edit"] = Math.Round(cpu * 1000 / (int)typed, 3);
        if (workload == "200x5") result["rss_per_page_kb"] = Math.Round((meter.PeakRssMb - rssBefore) * 1024 / 200, 0);
        if (workload == "idle") result["rss_per_connection_kb"] = Math.Round((meter.PeakRssMb - rssBefore) * 1024 / Math.Max(1, (int)result["joined"]!), 1);
        result["load_average"] = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Console.Error.WriteLine(result.ToJsonString());
        return result;
    }

    /// <summary>A typing workload over <see cref="VsRun.LoadProcesses"/> Node processes, each with a share of the pages;
    /// counts are summed, the latency percentiles taken over every process's latencies, the load processes' CPU summed.</summary>
    private static async Task<JsonObject> RunShardedAsync(VsRun run, string workload, JsonObject config)
    {
        var pages = ((JsonArray)config["pages"]!).Select(page => (string)page!).ToList();
        var shards = Math.Min(run.LoadProcesses, pages.Count);
        var parts = await Task.WhenAll(Enumerable.Range(0, shards).Select(shard =>
        {
            var part = (JsonObject)config.DeepClone();
            part["pages"] = new JsonArray([.. pages.Where((_, i) => i % shards == shard).Select(page => (JsonNode)JsonValue.Create(page))]);
            part["shard"] = shard;
            return RunNodeAsync(run, $"{workload}-{shard}", part);
        }));
        var latencies = parts.SelectMany(p => ((JsonArray)p["latencies_ms"]!).Select(ms => (double)ms!)).Order().ToArray();
        var result = (JsonObject)parts[0].DeepClone();
        result.Remove("latencies_ms");
        foreach (var key in new[] { "editors", "pages", "typed", "delivered", "expected", "converged_pages" })
            result[key] = parts.Sum(p => (int)p[key]!);
        foreach (var key in new[] { "typing_s", "settle_s", "tool_loop_delay_p50_ms", "tool_loop_delay_p99_ms" })
            result[key] = parts.Max(p => (double)p[key]!);
        result["tool_cpu_s"] = Math.Round(parts.Sum(p => (double)p["tool_cpu_s"]!), 2);
        // As loadtest.mjs takes them: nearest rank, to 0.1 ms.
        foreach (var (key, p) in new[] { ("p50_ms", 0.5), ("p99_ms", 0.99), ("max_ms", 1.0) })
            result[key] = latencies.Length == 0 ? null : Math.Round(Measure.Percentile(latencies, p), 1);
        result["load_processes"] = parts.Length;
        return result;
    }

    private static async Task<JsonObject> RunNodeAsync(VsRun run, string name, JsonObject config)
    {
        var path = Path.Combine(run.Work, $"{config["target"]}-{name}.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var start = new ProcessStartInfo("node", ["--max-old-space-size=4096", "loadtest.mjs", path]) { WorkingDirectory = run.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try { await node.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish in 5 minutes.");
        }
        if (node.ExitCode != 0) throw new InvalidOperationException($"{name} failed: {await stderr}");
        return JsonNode.Parse((await stdout).Trim().Split('\n')[^1])!.AsObject();
    }

    private static void PrintRatios(List<JsonObject> results)
    {
        foreach (var collab in results.Where(r => (string?)r["target"] == "collab"))
        {
            var scenario = (string)collab["scenario"]!;
            var other = results.FirstOrDefault(r => (string?)r["target"] == "hocuspocus" && (string?)r["scenario"] == scenario);
            if (other == null) continue;
            var ratios = new JsonObject { ["scenario"] = scenario, ["ratio"] = "collab / hocuspocus" };
            foreach (var key in new[] { "p50_ms", "p99_ms", "server_cpu_s", "server_cpu_ms_per_edit", "server_peak_rss_mb", "join_ms_median", "rss_per_connection_kb" })
            {
                if (collab[key] is JsonValue a && other[key] is JsonValue b && b.GetValue<double>() > 0)
                    ratios[key] = Math.Round(a.GetValue<double>() / b.GetValue<double>(), 2);
            }
            Console.WriteLine(ratios.ToJsonString());
        }
    }

    private static (int Pages, int Editors) ParseTyping(string workload)
    {
        // "200x5" = 200 pages with 5 editors each; "30x1" = 30 editors on 1 page.
        var parts = workload.Split('x');
        var a = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var b = int.Parse(parts[1], CultureInfo.InvariantCulture);
        return b == 1 ? (1, a) : (a, b);
    }

    /// <summary>The automerge-paper trace replayed into one paragraph, as a full-state update.</summary>
    private static byte[] TraceState(string trace)
    {
        var (_, end, patches) = TraceCommand.Load(trace);
        var doc = new YDoc(clientId: 1);
        var text = new YXmlText();
        doc.Transact(_ =>
        {
            var paragraph = new YXmlElement("paragraph");
            doc.GetXmlFragment("prosemirror").Insert(0, paragraph);
            paragraph.Insert(0, text);
        });
        foreach (var patch in patches)
            doc.Transact(_ =>
            {
                if (patch.Delete > 0) text.Delete(patch.Position, patch.Delete);
                if (patch.Insert.Length > 0) text.Insert(patch.Position, patch.Insert);
            });
        if (text.ToString() != end) throw new InvalidOperationException("The trace did not replay to its end content.");
        return doc.EncodeStateAsUpdate();
    }
}
