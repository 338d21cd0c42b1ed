using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ETwinning.Collab.Benchmarks.Cluster;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Benchmarks.Pages;

/// <summary>
/// Load on live pages against the built server (a child process on 127.0.0.1): editors typing at a fixed rate
/// on one page and on many pages (propagation latency p50/p99, server CPU, memory per loaded page), and the join
/// time of a page the size of a long editing trace. Bounded in connections and seconds; stops by itself.
/// <c>--clusters</c> runs the typing workloads on LiteDB with 1 node, PostgreSQL with 1 node and PostgreSQL with
/// <c>--nodes</c> (3) nodes over Redis, one deployment after the other, and prints them side by side.
/// </summary>
internal sealed class PagesCommand : IBenchmarkCommand
{
    private const double CharsPerSecond = PagesArguments.CharsPerSecond;

    public string Usage => "[--seconds 20] [--trace ../shared/data/traces/automerge-paper.json.gz] [--server path/to/ETwinning.Collab.Server.dll] " +
        "[--clusters [--nodes 3] [--workloads 30x1,200x5] [--redis host:port]]";

    private const int ClusterNodes = 3;

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var (_, seconds, trace, serverDll) = PagesArguments.Parse(args);
        Console.Error.WriteLine($"server: {serverDll}");
        if (args.Contains("--clusters")) return await RunClustersAsync(args, serverDll, seconds);

        string dataDirectory;
        TokenPair teacher;
        string twinSpaceId, tracePageId;
        await using (var server = await BenchServer.StartAsync(serverDll))
        {
            dataDirectory = server.DataDirectory;
            teacher = await server.NewTeacherAsync();
            await using var admin = await server.ConnectAsync(teacher);
            twinSpaceId = (await admin.CreateTwinSpaceAsync("Load")).Id;

            var one = await TypingAsync([server], admin, teacher, twinSpaceId, pages: 1, editorsPerPage: 30, seconds);
            Print("one page, 30 editors", one);
            var many = await TypingAsync([server], admin, teacher, twinSpaceId, pages: 200, editorsPerPage: 5, seconds);
            Print("200 pages x 5 editors", many);

            tracePageId = (await admin.CreatePageAsync(twinSpaceId, "Trace")).Id;
            var (bytes, uploadSeconds) = await UploadTraceAsync(admin, twinSpaceId, tracePageId, trace);
            var warm = await JoinTimesAsync(server, teacher, twinSpaceId, tracePageId);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "join, automerge-paper-sized page, loaded",
                state_bytes = bytes, upload_s = Math.Round(uploadSeconds, 1), join_ms_median = warm.Median, join_ms_max = warm.Max,
            }));
        }
        // Cold: a restarted server loads the page from its snapshot and log on the first join.
        await using (var restarted = await BenchServer.StartAsync(serverDll, dataDirectory))
        {
            var cold = await JoinTimesAsync(restarted, teacher, twinSpaceId, tracePageId, runs: 1);
            var warm = await JoinTimesAsync(restarted, teacher, twinSpaceId, tracePageId);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario = "join, automerge-paper-sized page, after restart",
                first_join_ms = cold.Max, later_join_ms_median = warm.Median,
            }));
        }
        Directory.Delete(dataDirectory, recursive: true);
        return 0;
    }

    private sealed record TypingResult(int Editors, int Pages, int Sent, int Delivered, double P50Ms, double P99Ms, double MaxMs,
        double ServerCores, double ClientCores, double RssBeforeMb, double RssAfterMb, int Errors, double[] NodeCpuSeconds, double[] NodeRssMb);

    /// <summary>
    /// Each deployment on its own data folder and (for PostgreSQL) its own fresh database, with its own teacher and
    /// TwinSpace; the workloads run one after the other in it. Editors are dealt to the nodes in turn, so the
    /// editors of one page sit on different nodes and every update crosses Redis.
    /// </summary>
    private static async Task<int> RunClustersAsync(string[] args, string serverDll, int seconds)
    {
        var nodeCount = int.Parse(PagesArguments.Option(args, "--nodes") ?? ClusterNodes.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var workloads = (PagesArguments.Option(args, "--workloads") ?? "30x1,200x5").Split(',').Select(w => w.Split('x'))
            .Select(w => (Editors: int.Parse(w[0], CultureInfo.InvariantCulture), Pages: int.Parse(w[1], CultureInfo.InvariantCulture))).ToList();
        await using var backing = new ClusterBacking(PagesArguments.Option(args, "--redis"));
        var rows = new List<(string Deployment, string Workload, TypingResult Result, string LoadBefore, string LoadAfter)>();
        foreach (var (postgres, nodes) in new[] { (false, 1), (true, 1), (true, nodeCount) })
        {
            var deployment = $"{(postgres ? "PostgreSQL" : "LiteDB")}, {nodes} node{(nodes == 1 ? "" : "s")}{(nodes > 1 ? " over Redis" : "")}";
            var dataDirectory = Directory.CreateTempSubdirectory("collab-bench-cluster-").FullName;
            var settings = new Dictionary<string, string>();
            if (postgres)
            {
                settings["Storage__Provider"] = "Postgres";
                settings["Storage__Postgres__ConnectionString"] = await backing.NewDatabaseAsync();
            }
            if (nodes > 1)
            {
                settings["Redis__ConnectionString"] = await backing.RedisAsync();
                settings["Redis__ChannelPrefix"] = $"collab-bench-{Guid.NewGuid():N}";
            }
            var servers = new List<BenchServer>();
            try
            {
                for (var n = 0; n < nodes; n++) servers.Add(await BenchServer.StartAsync(serverDll, dataDirectory, settings));
                var teacher = await servers[0].NewTeacherAsync();
                await using var admin = await servers[0].ConnectAsync(teacher);
                var twinSpaceId = (await admin.CreateTwinSpaceAsync("Load")).Id;
                foreach (var (editors, pages) in workloads)
                {
                    var loadBefore = LoadAverage.OneMinute();
                    var result = await TypingAsync(servers, admin, teacher, twinSpaceId, pages, editors, seconds);
                    var workload = $"{pages} page{(pages == 1 ? "" : "s")} x {editors} editors";
                    Print($"{deployment}: {workload}", result);
                    rows.Add((deployment, workload, result, loadBefore, LoadAverage.OneMinute()));
                }
            }
            finally
            {
                foreach (var server in servers) await server.DisposeAsync();
                try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"typing {CharsPerSecond} chars/s per editor for {seconds} s; ratios against LiteDB, 1 node, same workload");
        Console.WriteLine("| workload | deployment | updates acked | deliveries | p50 ms | p99 ms | p50 / p99 vs LiteDB | server CPU s (per node) | CPU vs LiteDB | RSS MB after (per node) | errors | load average before / after |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Workload))
        {
            var baseline = group.First().Result;
            foreach (var (deployment, workload, r, before, after) in group)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {workload} | {deployment} | {r.Sent:N0} | {r.Delivered:N0} | {r.P50Ms:F1} | {r.P99Ms:F1} | " +
                    $"{Ratio(r.P50Ms, baseline.P50Ms):F2} / {Ratio(r.P99Ms, baseline.P99Ms):F2} | " +
                    $"{r.NodeCpuSeconds.Sum():F1} ({string.Join(" + ", r.NodeCpuSeconds.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))}) | " +
                    $"{Ratio(r.NodeCpuSeconds.Sum(), baseline.NodeCpuSeconds.Sum()):F2} | " +
                    $"{string.Join(" / ", r.NodeRssMb.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} | {r.Errors} | {before} / {after} |"));
        }
        return 0;
    }

    private static double Ratio(double value, double baseline) => baseline == 0 ? double.NaN : value / baseline;

    private static async Task<TypingResult> TypingAsync(List<BenchServer> servers, TwinSpaceConnection admin, TokenPair teacher, string twinSpaceId,
        int pages, int editorsPerPage, int seconds)
    {
        var rssBefore = Math.Round(servers.Sum(s => s.RssMb), 1);
        var pageIds = new List<string>();
        for (var i = 0; i < pages; i++) pageIds.Add((await admin.CreatePageAsync(twinSpaceId, $"Page {i}")).Id);
        var clock = Stopwatch.StartNew();
        var sentAt = new ConcurrentDictionary<(string Page, long Sequence), double>();
        var received = new ConcurrentBag<(string Page, long Sequence, double At)>();
        var errors = 0;

        var editors = new List<(TwinSpaceConnection Hub, string PageId)>();
        foreach (var batch in pageIds.SelectMany(p => Enumerable.Repeat(p, editorsPerPage)).Select((p, i) => (PageId: p, Index: i)).Chunk(50))
        {
            var connected = await Task.WhenAll(batch.Select(async editor =>
            {
                var (pageId, index) = editor;
                var hub = await servers[index % servers.Count].ConnectAsync(teacher);
                hub.PageUpdated += e => received.Add((e.PageId, e.Sequence, clock.Elapsed.TotalMilliseconds));
                await hub.JoinPageAsync(twinSpaceId, pageId, []);
                return (hub, pageId);
            }));
            editors.AddRange(connected);
        }

        var cpuBefore = servers.Select(s => s.CpuTime).ToArray();
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await Task.WhenAll(editors.Select(async (editor, index) =>
        {
            var doc = new YDoc();
            var text = new YXmlText();
            var produced = new List<byte[]>();
            doc.Updated += (_, e) => produced.Add(e.Update);
            var typed = 0;
            // Spread the editors over one keystroke period so they do not type in lockstep.
            try { await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * 1000 / CharsPerSecond), stop.Token); }
            catch (OperationCanceledException) { return; }
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000 / CharsPerSecond));
            do
            {
                produced.Clear();
                doc.Transact(_ =>
                {
                    var body = doc.GetXmlFragment("prosemirror");
                    if (typed == 0)
                    {
                        var paragraph = new YXmlElement("paragraph");
                        body.Insert(0, paragraph);
                        paragraph.Insert(0, text);
                    }
                    text.Insert(text.Length, ((char)('a' + typed % 26)).ToString());
                });
                typed++;
                var started = clock.Elapsed.TotalMilliseconds;
                try
                {
                    var ack = await editor.Hub.SendPageUpdateAsync(twinSpaceId, editor.PageId, produced[0]);
                    sentAt[(editor.PageId, ack.Sequence)] = started;
                    if (typed % 5 == 0)
                        await editor.Hub.SendPageAwarenessAsync(twinSpaceId, editor.PageId, AwarenessUpdate.Encode(doc.ClientId, (ulong)typed,
                            new Dictionary<string, object?> { ["cursor"] = typed }));
                }
                catch (CollabHubException) { Interlocked.Increment(ref errors); }
            }
            while (await WaitTickAsync(timer, stop.Token));
        }));
        var elapsed = wall.Elapsed.TotalSeconds;
        var nodeCpu = servers.Select((s, n) => Math.Round((s.CpuTime - cpuBefore[n]).TotalSeconds, 2)).ToArray();
        var cpu = nodeCpu.Sum();
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
        var nodeRss = servers.Select(s => s.RssMb).ToArray();
        var rssAfter = Math.Round(nodeRss.Sum(), 1);
        // Let the last broadcasts arrive before counting.
        await Task.Delay(1000);
        var latencies = received
            .Select(r => sentAt.TryGetValue((r.Page, r.Sequence), out var start) ? r.At - start : double.NaN)
            .Where(l => !double.IsNaN(l)).Order().ToArray();
        foreach (var editor in editors) await editor.Hub.DisposeAsync();
        return new TypingResult(editors.Count, pages, sentAt.Count, latencies.Length, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            latencies.Length == 0 ? 0 : Math.Round(latencies[^1], 1), Math.Round(cpu / elapsed, 2), Math.Round(clientCpu / elapsed, 2), rssBefore, rssAfter, errors, nodeCpu, nodeRss);
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try { return await timer.WaitForNextTickAsync(stop); }
        catch (OperationCanceledException) { return false; }
    }

    internal static async Task<(int Bytes, double Seconds)> UploadTraceAsync(TwinSpaceConnection admin, string twinSpaceId, string pageId, string trace)
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
        var sent = Array.Empty<byte>();
        var watch = Stopwatch.StartNew();
        await admin.SendPageUpdateAsync(twinSpaceId, pageId, doc.EncodeStateAsUpdate());
        foreach (var chunk in patches.Chunk(1500))
        {
            var before = doc.EncodeStateVector();
            foreach (var patch in chunk)
                doc.Transact(_ =>
                {
                    if (patch.Delete > 0) text.Delete(patch.Position, patch.Delete);
                    if (patch.Insert.Length > 0) text.Insert(patch.Position, patch.Insert);
                });
            await admin.SendPageUpdateAsync(twinSpaceId, pageId, doc.EncodeStateAsUpdate(before));
        }
        if (text.ToString() != end) throw new InvalidOperationException("The trace did not replay to its end content.");
        return (doc.EncodeStateAsUpdate().Length, watch.Elapsed.TotalSeconds);
    }

    private static async Task<(double Median, double Max)> JoinTimesAsync(BenchServer server, TokenPair teacher, string twinSpaceId, string pageId, int runs = 5)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var hub = await server.ConnectAsync(teacher);
            var watch = Stopwatch.StartNew();
            var joined = await hub.JoinPageAsync(twinSpaceId, pageId, []);
            var doc = new YDoc();
            doc.ApplyUpdate(joined.Update);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (Math.Round(times[times.Count / 2], 1), Math.Round(times[^1], 1));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : Math.Round(Measure.Percentile(sorted, p), 1);

    private static void Print(string scenario, TypingResult r) => Console.WriteLine(JsonSerializer.Serialize(new
    {
        scenario, editors = r.Editors, pages = r.Pages, updates_sent = r.Sent, deliveries = r.Delivered,
        latency_p50_ms = r.P50Ms, latency_p99_ms = r.P99Ms, latency_max_ms = r.MaxMs, server_cpu_cores = r.ServerCores, load_tool_cpu_cores = r.ClientCores,
        server_rss_before_mb = r.RssBeforeMb, server_rss_after_mb = r.RssAfterMb,
        rss_per_page_kb = r.Pages > 1 ? Math.Round((r.RssAfterMb - r.RssBeforeMb) * 1024 / r.Pages, 0) : (double?)null, errors = r.Errors,
    }));
}
