using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Benchmarks.Hosting;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Benchmarks.LiveEvents;

/// <summary>
/// A live quiz at scale: <c>attendees</c> SignalR connections (on one node, or alternately on two nodes sharing one
/// store with Redis) are in one live event; the host opens a timed question and every attendee answers once at a random
/// moment within <c>window</c> seconds. Measured: answers acknowledged per second and their round trip; the running
/// tally latency (a tally showing N voters, from the moment the N-th answer was acknowledged to its arrival at each
/// client); the most running tallies one client got in a second (the coalescing bound); the time from the host's close
/// until every attendee has the final result; and the process's CPU time and memory (server and clients share the
/// process). Attendees are teachers added straight to the store with issued tokens (pupils would add a supervision
/// read per join, and 5,000 password hashes would only measure PBKDF2).
/// </summary>
internal sealed class LiveQuizLoadCommand : IBenchmarkCommand
{
    public string Usage => "[--attendees 5000] [--window 5] [--tallies-per-second 4] [--redis host:port]";

    public int Run(string[] args) => RunAsync(Options.Parse(args)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Options options)
    {
        await using var nodes = await InProcessNodes.StartAsync(options.Redis, new Dictionary<string, string?>
        {
            ["LiveEvents:TallyUpdatesPerSecond"] = options.TalliesPerSecond.ToString(CultureInfo.InvariantCulture),
        });
        Console.WriteLine($"live quiz: {options.Attendees} attendees, answers within {options.Window} s, tallies at most " +
            $"{options.TalliesPerSecond}/s, {nodes.Nodes.Count} node(s){(options.Redis is null ? "" : " with Redis")}, {Environment.ProcessorCount} cores");
        var setup = Stopwatch.StartNew();
        var founderTokens = await nodes.IssueAsync(new AccountView(Guid.NewGuid().ToString("N"), AccountKind.Teacher, "Host", "AT", null));
        var host = await nodes.ConnectAsync(founderTokens);
        var twinSpace = await nodes.CreateTwinSpaceAsync(founderTokens.Account, "Quiz load");
        var liveEvent = await host.CreateLiveEventAsync(twinSpace.Id, new CreateLiveEventRequest(
            "Quiz load", null, DateTime.UtcNow, 60, "Europe/Brussels", options.Attendees, LiveEventAudience.Members));
        var store = nodes.Service<ILiveEventStore>();
        var attendees = new List<TokenPair>();
        var memberships = new List<Membership>();
        for (var i = 0; i < options.Attendees; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var country = i % 3 == 0 ? "PT" : i % 3 == 1 ? "PL" : "AT";
            memberships.Add(new Membership
            {
                Id = Membership.KeyOf(twinSpace.Id, id), TwinSpaceId = twinSpace.Id, AccountId = id, Role = TwinSpaceRole.Teacher,
                Kind = AccountKind.Teacher, DisplayName = $"T{i}", Country = country, JoinedAt = DateTime.UtcNow,
            });
            attendees.Add(await nodes.IssueAsync(new AccountView(id, AccountKind.Teacher, $"T{i}", country, null)));
        }
        await nodes.Service<ITwinSpaceStore>().TryAddMembersAsync(memberships);
        await Task.WhenAll(memberships.Select(m => store.RegisterAsync(twinSpace.Id, new LiveRegistration
        {
            Id = LiveRegistration.KeyOf(liveEvent.Id, m.AccountId), EventId = liveEvent.Id, AccountId = m.AccountId,
            DisplayName = m.DisplayName, School = m.DisplayName, Country = m.Country!, RegisteredAt = DateTime.UtcNow,
        })));
        await host.StartLiveEventAsync(twinSpace.Id, liveEvent.Id);

        var tallies = new ConcurrentBag<(int Client, long At, int Voters, bool Final)>();
        var hubs = new TwinSpaceConnection[attendees.Count];
        using (var gate = new SemaphoreSlim(64))
            await Task.WhenAll(attendees.Select(async (tokens, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    var hub = await nodes.ConnectAsync(tokens, i);
                    hub.LiveTallyChanged += tally => tallies.Add((i, Stopwatch.GetTimestamp(), tally.Voters, tally.Final));
                    await hub.JoinLiveEventAsync(twinSpace.Id, liveEvent.Id);
                    hubs[i] = hub;
                }
                finally { gate.Release(); }
            }));
        Console.WriteLine($"setup: {attendees.Count + 1} connections in {setup.Elapsed.TotalSeconds:F1} s");

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var quiz = await host.OpenLivePollAsync(twinSpace.Id, liveEvent.Id, new OpenLivePollRequest(
            LivePollKind.Quiz, "Which river flows through the most countries?", ["Danube", "Rhine", "Volga", "Elbe"],
            CorrectOption: 0, TimeLimitSeconds: options.Window + 30));
        var acks = new ConcurrentBag<long>();
        var roundTrips = new ConcurrentBag<double>();
        var failures = 0;
        await Task.WhenAll(hubs.Select(async (hub, i) =>
        {
            await Task.Delay(Random.Shared.Next(options.Window * 1_000));
            var sent = Stopwatch.GetTimestamp();
            try
            {
                await hub.VoteInLivePollAsync(twinSpace.Id, liveEvent.Id, quiz.Id, [i % 4]);
                var acked = Stopwatch.GetTimestamp();
                acks.Add(acked);
                roundTrips.Add(Stopwatch.GetElapsedTime(sent, acked).TotalMilliseconds);
            }
            catch (CollabHubException) { Interlocked.Increment(ref failures); }
        }));
        var answered = wall.Elapsed;
        var closing = Stopwatch.GetTimestamp();
        await host.CloseLivePollAsync(twinSpace.Id, liveEvent.Id, quiz.Id);
        var deadline = Stopwatch.StartNew();
        while (tallies.Where(t => t.Final).Select(t => t.Client).Distinct().Count() < hubs.Length && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        // A client may get the final tally twice (the close's broadcast and a coalesced send that read the closed poll): its first counts.
        var finals = tallies.Where(t => t.Final).GroupBy(t => t.Client).Select(g => g.Min(t => t.At)).ToList();
        var lastFinal = finals.Count == 0 ? closing : finals.Max();
        var cpu = process.TotalProcessorTime - cpuBefore;
        process.Refresh();

        var ackOrder = acks.Order().ToArray();
        var latencies = tallies.Where(t => !t.Final && t.Voters > 0 && t.Voters <= ackOrder.Length)
            .Select(t => Stopwatch.GetElapsedTime(ackOrder[t.Voters - 1], t.At).TotalMilliseconds).Order().ToArray();
        var origin = tallies.IsEmpty ? 0 : tallies.Min(t => t.At);
        var perClientPerSecond = tallies.Where(t => !t.Final)
            .GroupBy(t => (t.Client, Second: (t.At - origin) / Stopwatch.Frequency))
            .Select(g => g.Count()).DefaultIfEmpty(0).Max();
        var trips = roundTrips.Order().ToArray();
        Console.WriteLine($"answers: {acks.Count} acknowledged ({failures} refused) in {answered.TotalSeconds:F1} s; " +
            $"round trip p50 {Measure.Percentile(trips, 0.50):F0} ms, p99 {Measure.Percentile(trips, 0.99):F0} ms");
        Console.WriteLine($"running tallies: {latencies.Length} delivered; latency p50 {Measure.Percentile(latencies, 0.50):F0} ms, " +
            $"p99 {Measure.Percentile(latencies, 0.99):F0} ms; at most {perClientPerSecond} to one client in one second");
        Console.WriteLine($"final result: {finals.Count}/{hubs.Length} attendees, the last {Stopwatch.GetElapsedTime(closing, lastFinal).TotalMilliseconds:F0} ms after the close call");
        Console.WriteLine($"process (server + clients): CPU {cpu.TotalSeconds:F1} s over {wall.Elapsed.TotalSeconds:F1} s " +
            $"({cpu.TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount * 100:F0}% of {Environment.ProcessorCount} cores), " +
            $"working set {process.WorkingSet64 / 1048576.0:F0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB");
        return finals.Count == hubs.Length ? 0 : 1;
    }

    private sealed record Options(int Attendees, int Window, int TalliesPerSecond, string? Redis)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new Options(Number("--attendees", 5_000), Number("--window", 5), Number("--tallies-per-second", 4), Value("--redis"));
        }
    }
}
