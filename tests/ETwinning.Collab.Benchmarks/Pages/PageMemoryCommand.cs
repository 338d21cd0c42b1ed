using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Benchmarks.Hosting;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Benchmarks.Pages;

/// <summary>
/// Where the server's memory goes on the live-page path, measured without clients or sockets (so without their
/// noise): one node in this process, every update sent straight to <see cref="LivePageService"/> (check, durable
/// append, apply, broadcast to the page's group, compaction every <c>Pages:CompactAfterUpdates</c>), an awareness
/// update every fifth keystroke. Per round it reports allocated bytes per update (every thread, the file's writer
/// included), methods the JIT compiled (code and its data stay for the life of the process) and managed bytes
/// still reachable after a full collection. The anchor, in the same run, is the CRDT alone: the same updates
/// applied to a bare document. Round 1 warms up; later rounds run on new pages, then the same pages again.
/// </summary>
internal sealed class PageMemoryCommand : IBenchmarkCommand
{
    private const int AwarenessEvery = 5;
    /// <summary>Seeded text goes in pieces that stay under the default <c>Pages:MaxUpdateBytes</c> (32 KiB).</summary>
    private const int SeedChunkChars = 16 * 1024;

    public string Usage => "[--pages 200] [--updates 600] [--rounds 3] [--by-type 15] [--seed-kb 0]";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var pageCount = int.Parse(Option(args, "--pages") ?? "200", CultureInfo.InvariantCulture);
        var updatesPerPage = int.Parse(Option(args, "--updates") ?? "600", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        // Sampled allocations by type on the whole path, in the last round (0: off).
        var byType = int.Parse(Option(args, "--by-type") ?? "0", CultureInfo.InvariantCulture);
        // Text each page starts with (sent in the first round), so later rounds type into large pages.
        var seedChars = int.Parse(Option(args, "--seed-kb") ?? "0", CultureInfo.InvariantCulture) * 1024;
        using var sampler = byType > 0 ? new AllocationSampler() : null;
        await using var nodes = await InProcessNodes.StartAsync(null, new Dictionary<string, string?>
        {
            ["Pages:MaxPagesPerTwinSpace"] = "10000",
            ["Pages:AwarenessUpdatesPerSecond"] = "1000",
        });
        var founder = new AccountView(Guid.NewGuid().ToString("N"), AccountKind.Teacher, "Bench teacher", "AT", null);
        var twinSpace = await nodes.CreateTwinSpaceAsync(founder, "Page memory");
        var membership = (await nodes.Service<ITwinSpaceStore>().FindMembershipAsync(twinSpace.Id, founder.Id))!;
        var member = new MemberContext(new CallerIdentity(founder.Id, AccountKind.Teacher, founder.DisplayName, null), twinSpace, membership);
        var tree = nodes.Service<PageTreeService>();
        var live = nodes.Service<LivePageService>();
        Console.WriteLine($"page memory: {pageCount} pages x {updatesPerPage} one-character updates per round, {rounds} rounds, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        List<Editor>? editors = null;
        for (var round = 1; round <= rounds; round++)
        {
            // Odd rounds after the first open new pages; even rounds type on into the pages of the round before.
            if (editors is null || round % 2 == 1)
            {
                editors = [];
                for (var i = 0; i < pageCount; i++)
                {
                    var page = await tree.CreateAsync(member, new CreatePageRequest($"Round {round} page {i}"));
                    var editor = new Editor(page.Id, $"bench-{round}-{i}");
                    await live.JoinAsync(member, page.Id, editor.ConnectionId, stateVector: null);
                    editors.Add(editor);
                }
            }
            foreach (var editor in editors) editor.Prepare(updatesPerPage, seedChars);
            var sampled = sampler is not null && round == rounds;
            var result = await MeasureRoundAsync(live, tree, nodes.Service<IPageStore>(), member, editors, pageCount, sampled ? sampler : null);
            result["round"] = round;
            Console.WriteLine(result.ToJsonString());
            if (sampled)
                foreach (var (type, bytes) in sampler!.Stop(byType))
                    Console.WriteLine($"  sampled {bytes * 100.0 / result["allocated_total_bytes"]!.GetValue<long>(),5:F1}% {type}");
        }
        return 0;
    }

    private static async Task<JsonObject> MeasureRoundAsync(LivePageService live, PageTreeService tree, IPageStore store, MemberContext member, List<Editor> editors, int pageCount, AllocationSampler? sampler)
    {
        var updates = editors.Sum(e => e.Updates.Count);
        // The anchor: the same updates into bare documents (one per page, holding the page's earlier rounds), nothing
        // around the CRDT.
        var anchorAllocated = await AllocatedAsync(editors, editor =>
        {
            foreach (var update in editor.Updates) editor.Bare.ApplyUpdate(update);
            return Task.CompletedTask;
        });
        // Parts of the path alone, same updates and concurrency: the permission check and the durable append.
        var permissionAllocated = await AllocatedAsync(editors, async editor =>
        {
            foreach (var _ in editor.Updates) await tree.VisibleAsync(member, editor.PageId);
        });
        // Timed too: every page appending at once is what the file's one writer sees while a whole class types.
        var (appendAllocated, appendElapsed) = await MeasureAsync(editors, async editor =>
        {
            foreach (var update in editor.Updates) await store.AppendAsync(member.TwinSpaceId, editor.ScratchPageId, update, DateTime.UtcNow);
        });

        var retainedBefore = RetainedBytes();
        var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var gen0Before = GC.CollectionCount(0);
        sampler?.Start();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        // Every page's editor types in parallel, each waiting for its acknowledgement, as the load tool's editors do.
        await Task.WhenAll(editors.Select(editor => Task.Run(async () =>
        {
            for (var i = 0; i < editor.Updates.Count; i++)
            {
                await live.ApplyAsync(member, editor.PageId, editor.ConnectionId, editor.Updates[i]);
                if (i % AwarenessEvery == 0 && i / AwarenessEvery < editor.Awareness.Count) await live.AwarenessAsync(member, editor.PageId, editor.ConnectionId, editor.Awareness[i / AwarenessEvery]);
            }
        })));
        wall.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var jit = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        var retained = RetainedBytes() - retainedBefore;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return new JsonObject
        {
            ["updates"] = updates,
            ["seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 2),
            ["allocated_bytes_per_update"] = allocated / updates,
            ["allocated_total_bytes"] = allocated,
            ["crdt_only_allocated_bytes_per_update"] = anchorAllocated / updates,
            ["ratio_to_crdt_only"] = Math.Round((double)allocated / Math.Max(1, anchorAllocated), 1),
            ["permission_check_allocated_bytes_per_update"] = permissionAllocated / updates,
            ["store_append_allocated_bytes_per_update"] = appendAllocated / updates,
            ["store_appends_per_second"] = Math.Round(updates / appendElapsed.TotalSeconds),
            ["whole_path_updates_per_second"] = Math.Round(updates / wall.Elapsed.TotalSeconds),
            ["gen0_collections"] = gen0,
            ["jit_compiled_methods"] = jit,
            ["retained_bytes_per_page"] = retained / pageCount,
            ["heap_mb_after_full_gc"] = Math.Round(GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, 1),
            ["gc_committed_mb"] = Math.Round(info.TotalCommittedBytes / 1048576.0, 1),
            ["process_rss_mb"] = Math.Round(Environment.WorkingSet / 1048576.0, 1),
            ["load_average"] = LoadAverage(),
        };
    }

    private static async Task<long> AllocatedAsync(List<Editor> editors, Func<Editor, Task> run) => (await MeasureAsync(editors, run)).Allocated;

    /// <summary>Bytes allocated and wall time while every editor runs <paramref name="run"/> at once.</summary>
    private static async Task<(long Allocated, TimeSpan Elapsed)> MeasureAsync(List<Editor> editors, Func<Editor, Task> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(editors.Select(editor => Task.Run(() => run(editor))));
        return (GC.GetTotalAllocatedBytes(precise: true) - before, wall.Elapsed);
    }

    private static long RetainedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>One editor of one page: its document and the updates (one character each) and awareness states it will send.</summary>
    private sealed class Editor(string pageId, string connectionId)
    {
        private readonly YDoc _doc = new();
        private YXmlText? _text;
        private ulong _awarenessClock;

        public string PageId { get; } = pageId;
        public string ConnectionId { get; } = connectionId;
        /// <summary>A page id no live page uses: the append-only part writes its log entries there.</summary>
        public string ScratchPageId { get; } = pageId + "-append-only";
        public YDoc Bare { get; } = new();
        public List<byte[]> Updates { get; } = [];
        public List<byte[]> Awareness { get; } = [];

        /// <summary>Types the next <paramref name="count"/> characters ahead of the round, so making them is not measured.</summary>
        public void Prepare(int count, int seedChars)
        {
            Updates.Clear();
            Awareness.Clear();
            void Collect(object? sender, UpdateEventArgs e) => Updates.Add(e.Update);
            _doc.Updated += Collect;
            if (_text is null)
            {
                _text = new YXmlText();
                _doc.Transact(_ =>
                {
                    var paragraph = new YXmlElement("paragraph");
                    _doc.GetXmlFragment("prosemirror").Insert(0, paragraph);
                    paragraph.Insert(0, _text);
                });
                for (var seeded = 0; seeded < seedChars; seeded += SeedChunkChars)
                    _doc.Transact(_ => _text.Insert(_text.Length, new string('s', Math.Min(SeedChunkChars, seedChars - seeded))));
            }
            for (var i = 0; i < count; i++)
            {
                _doc.Transact(_ => _text.Insert(_text.Length, ((char)('a' + i % 26)).ToString()));
                if (i % AwarenessEvery == 0)
                    Awareness.Add(AwarenessUpdate.Encode([new AwarenessClientState(_doc.ClientId, ++_awarenessClock,
                        $"{{\"user\":{{\"name\":\"Bench\",\"color\":\"#336699\"}},\"cursor\":{{\"anchor\":{_text.Length}}}}}")]));
            }
            _doc.Updated -= Collect;
        }
    }
}
