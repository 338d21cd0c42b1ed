using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ETwinning.Collab.Benchmarks.Cluster;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Benchmarks.Hosting;
using ETwinning.Collab.Benchmarks.Pages;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Benchmarks.Chat;

/// <summary>
/// Durable chat messages per second and delivery latency: real Kestrel nodes in this process (one, or
/// <c>--nodes</c> over one Redis sharing one LiteDB store or, with <c>--postgres</c>, one PostgreSQL database), a TwinSpace with <c>channels</c> breakout channels of <c>members</c> pupils each, every
/// pupil on its own SignalR connection. <c>senders</c> members per channel send as fast as their acks come back
/// (a send completes only after its group-commit batch is durable); every message fans out to the channel's
/// connections. Latency is send start to arrival at each receiver. Members are added straight to the store and
/// get tokens from the server's issuer: 3,000 password hashes would only measure PBKDF2. <c>--clusters</c> runs
/// LiteDB on 1 node, PostgreSQL on 1 node and PostgreSQL on <c>--nodes</c> (3) nodes over Redis one after the
/// other in one process and prints them side by side.
/// </summary>
internal sealed class ChatLoadCommand : IBenchmarkCommand
{
    public string Usage => "[--channels 100] [--members 30] [--senders 2] [--seconds 15] [--warmup 3] [--nodes 1] [--redis host:port] [--postgres] " +
        "[--clusters [--nodes 3]] [--store-only [--postgres]] [--split]";

    public int Run(string[] args) => RunAsync(Options.Parse(args)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Options options)
    {
        await using var backing = new ClusterBacking(options.Redis);
        if (options.Clusters)
        {
            var results = new List<ChatResult>();
            foreach (var (postgres, nodes) in new[] { (false, 1), (true, 1), (true, options.Nodes ?? ClusterNodes) })
                results.Add(await RunDeploymentAsync(options, postgres, nodes, backing));
            PrintTable(options, results);
            return 0;
        }
        if (options.StoreOnly)
        {
            await using var node = await InProcessNodes.StartAsync(1, redis: null, postgres: null, Settings());
            return await RunStoreOnlyAsync(node, options);
        }
        // --redis alone keeps its old meaning: two nodes over it.
        await RunDeploymentAsync(options, options.Postgres, options.Nodes ?? (options.Redis is null ? 1 : 2), backing);
        return 0;
    }

    private const int ClusterNodes = 3;

    private sealed record ChatResult(string Deployment, double AckedPerSecond, double AckP50Ms, double AckP99Ms,
        double DeliveriesPerSecond, double DeliveryP50Ms, double DeliveryP99Ms, long Refused, string LoadBefore, string LoadAfter);

    private static void PrintTable(Options options, List<ChatResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{options.Channels} channels x {options.Members} members, {options.Senders} senders per channel, {options.Seconds} s measured after {options.WarmupSeconds} s warm-up");
        Console.WriteLine("| deployment | acked messages/s | vs LiteDB | ack p50 ms | ack p99 ms | deliveries/s | delivery p50 ms | delivery p99 ms | refused sends (sent again) | load average before / after |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var baseline = results[0].AckedPerSecond;
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Deployment} | {r.AckedPerSecond:N0} | {(baseline == 0 ? double.NaN : r.AckedPerSecond / baseline):F2} | {r.AckP50Ms:F1} | {r.AckP99Ms:F1} | " +
                $"{r.DeliveriesPerSecond:N0} | {r.DeliveryP50Ms:F1} | {r.DeliveryP99Ms:F1} | {r.Refused} | {r.LoadBefore} / {r.LoadAfter} |"));
    }

    /// <summary>
    /// One deployment, measured: <paramref name="nodeCount"/> nodes on LiteDB (sharing this process's database
    /// files) or on a fresh PostgreSQL database; more than one node talk through Redis, and the pupils' connections
    /// are dealt to the nodes in turn, so a channel's members sit on different nodes.
    /// </summary>
    private static async Task<ChatResult> RunDeploymentAsync(Options options, bool postgres, int nodeCount, ClusterBacking backing)
    {
        var name = $"{(postgres ? "PostgreSQL" : "LiteDB")}, {nodeCount} node{(nodeCount == 1 ? "" : "s")}{(nodeCount > 1 ? " over Redis" : "")}";
        var loadBefore = LoadAverage.OneMinute();
        var database = postgres ? await backing.NewDatabaseAsync() : null;
        var redis = nodeCount > 1 ? await backing.RedisAsync() : null;
        await using var nodes = await InProcessNodes.StartAsync(nodeCount, redis, database, Settings());
        var separateConnections = new List<TwinSpaceConnection>();
        BenchServer? separate = null;
        Received.Clear();
        Acks.Clear();
        try
        {
            Console.WriteLine($"chat load, {name}: {options.Channels} channels x {options.Members} members, {options.Senders} senders per channel, " +
                $"{Environment.ProcessorCount} cores, load average {loadBefore}");
            var setup = Stopwatch.StartNew();
            var founderTokens = await nodes.IssueAsync(new AccountView(Guid.NewGuid().ToString("N"), AccountKind.Teacher, "Founder", "AT", null));
            var founder = await nodes.ConnectAsync(founderTokens);
            var twinSpace = await nodes.CreateTwinSpaceAsync(founderTokens.Account, "Chat load");
            var channelMembers = new List<(string ChannelId, List<TokenPair> Members)>();
            for (var c = 0; c < options.Channels; c++)
            {
                var members = new List<TokenPair>();
                var memberships = new List<Membership>();
                for (var m = 0; m < options.Members; m++)
                {
                    var id = Guid.NewGuid().ToString("N");
                    memberships.Add(new Membership
                    {
                        Id = Membership.KeyOf(twinSpace.Id, id), TwinSpaceId = twinSpace.Id, AccountId = id, Role = TwinSpaceRole.Pupil,
                        Kind = AccountKind.Pupil, DisplayName = $"P{c}-{m}", JoinedAt = DateTime.UtcNow,
                    });
                    members.Add(await nodes.IssueAsync(new AccountView(id, AccountKind.Pupil, $"P{c}-{m}", null, twinSpace.Id)));
                }
                await nodes.Service<ITwinSpaceStore>().TryAddMembersAsync(memberships);
                var channel = await founder.CreateBreakoutChannelAsync(twinSpace.Id, $"Group {c}", [.. memberships.Select(x => x.AccountId)]);
                channelMembers.Add((channel.Id, members));
            }

            Func<TokenPair, Task<TwinSpaceConnection>> connect;
            if (options.Split)
            {
                // The set-up node leaves the data to the built server in its own process, so the server's CPU time
                // can be told apart from the 3,000 client connections'.
                await nodes.StopNodesAsync();
                separate = await BenchServer.StartAsync(BenchServer.ServerDll(BenchServer.RepositoryRoot()), nodes.DataDirectory,
                    nodes.Settings.Where(s => s.Key != "Storage:DataDirectory" && s.Value is not null)
                        .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!));
                connect = async tokens =>
                {
                    var connection = await separate.ConnectAsync(tokens);
                    separateConnections.Add(connection);
                    return connection;
                };
            }
            else
            {
                var next = 0;
                connect = tokens => nodes.ConnectAsync(tokens, next++);
            }
            var receivers = new List<(TwinSpaceConnection Hub, string ChannelId)>();
            foreach (var (channelId, members) in channelMembers)
            {
                foreach (var member in members)
                {
                    var hub = await connect(member);
                    hub.ChatMessageReceived += message =>
                    {
                        var sent = long.Parse(message.Text.AsSpan(0, message.Text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                        Received.Add(Stopwatch.GetTimestamp() - sent);
                    };
                    await hub.OpenChatChannelAsync(twinSpace.Id, channelId);
                    receivers.Add((hub, channelId));
                }
            }
            Console.WriteLine($"setup: {nodes.ConnectionCount + separateConnections.Count} connections in {setup.Elapsed.TotalSeconds:F1} s");

            var acked = 0L;
            var errors = 0L;
            var measuring = false;
            using var stop = new CancellationTokenSource();
            var senders = channelMembers.SelectMany((channel, c) => Enumerable.Range(0, options.Senders).Select(s =>
            {
                var hub = receivers[c * options.Members + s].Hub;
                return Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        // A refused send is sent again with the same client message id, as the client library's
                        // callers do: the store returns the stored message if the first try did land.
                        while (true)
                        {
                            try
                            {
                                await hub.SendChatMessageAsync(twinSpace.Id, channel.ChannelId, $"s{s}-{i}", $"{started} message {i} from sender {s}");
                                break;
                            }
                            catch (CollabHubException)
                            {
                                Interlocked.Increment(ref errors);
                                if (stop.IsCancellationRequested) break;
                            }
                        }
                        if (!Volatile.Read(ref measuring)) continue;
                        Interlocked.Increment(ref acked);
                        Acks.Add(Stopwatch.GetTimestamp() - started);
                    }
                });
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            Received.Clear();
            Acks.Clear();
            var serverCpuBefore = separate?.CpuTime;
            var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            Volatile.Write(ref measuring, true);
            var window = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            Volatile.Write(ref measuring, false);
            var elapsed = window.Elapsed.TotalSeconds;
            var deliveries = Received.ToArray();
            var acks = Acks.ToArray();
            var serverCpu = separate is null ? (TimeSpan?)null : separate.CpuTime - serverCpuBefore!.Value;
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
            await stop.CancelAsync();
            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30));

            Array.Sort(deliveries);
            Array.Sort(acks);
            double Percentile(double p) => PercentileMs(deliveries, p);
            Console.WriteLine($"durable messages/s: {acked / elapsed:F0} ({acked} acknowledged in {elapsed:F1} s)");
            Console.WriteLine($"refused sends (sent again): {Interlocked.Read(ref errors)}");
            Console.WriteLine($"ack latency ms: p50 {PercentileMs(acks, 0.50):F1}, p99 {PercentileMs(acks, 0.99):F1}, max {PercentileMs(acks, 1.0):F1}");
            Console.WriteLine($"deliveries/s: {deliveries.Length / elapsed:F0} (fan-out {(acked == 0 ? 0 : deliveries.Length / (double)acked):F1} per message)");
            Console.WriteLine($"delivery latency ms: p50 {Percentile(0.50):F1}, p99 {Percentile(0.99):F1}, max {Percentile(1.0):F1}");
            if (serverCpu is { } server && acked > 0)
                Console.WriteLine($"cpu: server process {server.TotalSeconds / elapsed:F2} cores ({server.TotalMilliseconds * 1000 / acked:F0} us per durable message " +
                    $"with its {deliveries.Length / (double)acked:F1} deliveries), client process {clientCpu.TotalSeconds / elapsed:F2} cores");
            return new ChatResult(name, acked / elapsed, PercentileMs(acks, 0.50), PercentileMs(acks, 0.99), deliveries.Length / elapsed,
                Percentile(0.50), Percentile(0.99), Interlocked.Read(ref errors), loadBefore, LoadAverage.OneMinute());
        }
        finally
        {
            foreach (var connection in separateConnections) await connection.DisposeAsync();
            await nodes.StopNodesAsync();
            if (separate is not null) await separate.DisposeAsync();
        }
    }

    /// <summary>
    /// The same appends straight into the chat store (no hub, no network, no fan-out): the ceiling that LiteDB
    /// group commit sets on this machine, to compare the end-to-end number with. With <c>--postgres</c> the same
    /// appends then go to the PostgreSQL provider's chat store on a PostgreSQL started for the run, and the ratio
    /// of the two is printed.
    /// </summary>
    private static async Task<int> RunStoreOnlyAsync(InProcessNodes node, Options options)
    {
        var store = node.Service<IChatStore>();
        var twinSpaceId = Guid.NewGuid().ToString("N");
        var liteDb = await MeasureAppendsAsync(store, twinSpaceId, options);
        Console.WriteLine($"store only (LiteDB): {liteDb:F0} durable appends/s ({options.Channels * options.Senders} concurrent writers, {options.Channels} channels)");
        await ReportReopenAsync(node, store, twinSpaceId);
        if (!options.Postgres) return 0;

        await using var postgres = await PostgresChatStoreHost.StartAsync();
        var postgresRate = await MeasureAppendsAsync(postgres.Store, Guid.NewGuid().ToString("N"), options);
        Console.WriteLine($"store only (PostgreSQL): {postgresRate:F0} durable appends/s ({options.Channels * options.Senders} concurrent writers, {options.Channels} channels)");
        Console.WriteLine($"PostgreSQL / LiteDB: {postgresRate / liteDb:F2}");
        return 0;
    }

    /// <summary>Appends per second, each counted when the store acknowledged it (after its batch committed).</summary>
    private static async Task<double> MeasureAppendsAsync(IChatStore store, string twinSpaceId, Options options)
    {
        for (var c = 0; c < options.Channels; c++)
            await store.AddChannelIfAbsentAsync(twinSpaceId, new ChatChannel
            {
                Id = $"c{c}", Kind = ChatChannelKind.Breakout, Title = $"c{c}", CreatedBy = "bench", CreatedAt = DateTime.UtcNow,
            });
        var appended = 0L;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, options.Channels * options.Senders).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await store.AppendAsync(twinSpaceId, new ChatMessage
                {
                    ChannelId = $"c{w % options.Channels}", ClientMessageId = $"w{w}-{i}", AuthorId = $"a{w}", AuthorName = "bench",
                    Text = "a message of ordinary length, about as long as pupils write them", SentAt = DateTime.UtcNow,
                });
                if (Volatile.Read(ref measuring)) Interlocked.Increment(ref appended);
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        Volatile.Write(ref measuring, true);
        var window = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = window.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        return appended / elapsed;
    }

    private static async Task ReportReopenAsync(InProcessNodes node, IChatStore store, string twinSpaceId)
    {
        // What a busy TwinSpace costs when its file opens again: the chat log index is rebuilt from the log's tail.
        var file = node.Service<DatabaseFiles>().ForTwinSpace(twinSpaceId);
        while (!file.CloseIfIdle(TimeSpan.Zero)) await Task.Delay(10);
        await store.ReadMarkersAsync(twinSpaceId, "nobody"); // opens the file without building the index
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rebuild = Stopwatch.StartNew();
        var channelsSeen = (await store.ChannelsAsync(twinSpaceId)).Count;
        var rebuilt = rebuild.Elapsed;
        var messages = (await store.ChannelsAsync(twinSpaceId)).Sum(c => c.LastSequence);
        Console.WriteLine($"reopen: first read {rebuilt.TotalMilliseconds:F0} ms with {messages} messages in {channelsSeen} channels " +
            $"(index rebuilt from the log's tail), +{(GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1048576.0:F1} MB retained (index and the pages LiteDB caches while reading the tail)");
    }

    private static double PercentileMs(long[] sortedTicks, double p) => sortedTicks.Length == 0 ? double.NaN
        : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(p * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    // One shared bag: receivers run on many threads, and a lock-free bag keeps the measuring cheap.
    private static readonly ConcurrentBag<long> Received = [];

    // Send start to acknowledgement (after the message's batch committed), in Stopwatch ticks.
    private static readonly ConcurrentBag<long> Acks = [];

    // The chat limits raised so the load, not a limit, is measured; per run a Redis given with --redis may hold an
    // earlier run's presence and rate-limit keys.
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Chat:MessageBurst"] = "1000000",
        ["Chat:MessagesPerMinute"] = "10000000",
        ["Chat:PupilMessageBurst"] = "1000000",
        ["Chat:PupilMessagesPerMinute"] = "10000000",
        ["Chat:MaxChannelMembers"] = "10000",
        ["Redis:ChannelPrefix"] = $"collab-bench-{Guid.NewGuid():N}",
    };

    private sealed record Options(int Channels, int Members, int Senders, int Seconds, int WarmupSeconds, string? Redis, bool StoreOnly, bool Split, bool Postgres,
        int? Nodes, bool Clusters)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new Options(Number("--channels", 100), Number("--members", 30), Number("--senders", 2),
                Number("--seconds", 15), Number("--warmup", 3), Value("--redis"), args.Contains("--store-only"), args.Contains("--split"),
                args.Contains("--postgres"), Value("--nodes") is { } nodes ? int.Parse(nodes, CultureInfo.InvariantCulture) : null, args.Contains("--clusters"));
        }
    }
}
