using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Benchmarks.Hosting;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Benchmarks.Rooms;

/// <summary>
/// Room sessions negotiating their mesh at once: <c>sessions</c> rooms of <c>size</c> participants (teachers, so no
/// lobby) are in a live session each; every round, each pair of participants negotiates as browsers do - the one
/// with the lower id sends an offer, the other answers when it arrives, and both send <c>candidates</c> ICE candidates -
/// so a round is sessions x pairs x (2 + 2 x candidates) signals. Measured: each signal's latency from the sender's call
/// to the receiver's event (one process, one clock), signals refused, and the process's CPU time (server and clients
/// share it, so an upper bound for the server). With <c>--redis</c> the participants alternate between two nodes, so
/// most signals cross the backplane.
/// </summary>
internal sealed class RoomSignallingLoadCommand : IBenchmarkCommand
{
    // Sizes of a real exchange: an offer or answer for audio and video is 2-6 KB of SDP, a candidate about 100 bytes.
    private const int SdpBytes = 3_000;
    private const int CandidateBytes = 110;

    public string Usage => "[--sessions 50] [--size 6] [--rounds 5] [--candidates 6] [--redis host:port]";

    public int Run(string[] args) => RunAsync(Options.Parse(args)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Options options)
    {
        await using var nodes = await InProcessNodes.StartAsync(options.Redis);
        Console.WriteLine($"room signalling: {options.Sessions} sessions of {options.Size}, {options.Rounds} rounds, {options.Candidates} candidates per side, " +
            $"{nodes.Nodes.Count} node(s){(options.Redis is null ? "" : " with Redis")}, {Environment.ProcessorCount} cores");
        var setup = Stopwatch.StartNew();
        var founder = await nodes.IssueAsync(new AccountView(Guid.NewGuid().ToString("N"), AccountKind.Teacher, "Host", "AT", null));
        var twinSpace = await nodes.CreateTwinSpaceAsync(founder.Account, "Signalling load");
        var sessions = new List<Participant[]>();
        var connectionIndex = 0;
        for (var s = 0; s < options.Sessions; s++)
        {
            var people = new List<(TokenPair Tokens, Membership Membership)>();
            for (var p = 0; p < options.Size; p++)
                people.Add(await nodes.TeacherAsync(twinSpace.Id, $"S{s}P{p}", p % 2 == 0 ? "PT" : "PL"));
            await nodes.Service<ITwinSpaceStore>().TryAddMembersAsync(people.Select(p => p.Membership).ToList());
            var participants = new Participant[people.Count];
            for (var p = 0; p < people.Count; p++)
                participants[p] = new Participant(people[p].Membership.AccountId, await nodes.ConnectAsync(people[p].Tokens, connectionIndex++));
            var room = await participants[0].Hub.CreateRoomAsync(twinSpace.Id, $"Room {s}", null, options.Size, participants.Skip(1).Select(p => p.AccountId).ToList());
            await participants[0].Hub.StartRoomSessionAsync(twinSpace.Id, room.Id);
            foreach (var participant in participants)
            {
                participant.RoomId = room.Id;
                await participant.Hub.JoinRoomSessionAsync(twinSpace.Id, room.Id);
            }
            sessions.Add(participants);
        }
        Console.WriteLine($"setup: {sessions.Sum(s => s.Length)} participants in {setup.Elapsed.TotalSeconds:F1} s");

        var latencies = new ConcurrentBag<double>();
        var refused = 0;
        var delivered = 0;
        var sdp = new string('s', SdpBytes);
        var candidate = new string('c', CandidateBytes);
        foreach (var participant in sessions.SelectMany(s => s))
        {
            var self = participant;
            self.Hub.RtcSignal += signal =>
            {
                var at = Stopwatch.GetTimestamp();
                var sent = long.Parse(signal.Payload.AsSpan(0, signal.Payload.IndexOf(':')), CultureInfo.InvariantCulture);
                latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                Interlocked.Increment(ref delivered);
                // The answerer answers the offer as a browser would, then sends its own candidates.
                if (signal.Kind == RtcSignalKind.Offer)
                    _ = Task.Run(() => SendSideAsync(self, signal.FromAccountId, RtcSignalKind.Answer, sdp, candidate, options.Candidates, twinSpace.Id, () => Interlocked.Increment(ref refused)));
            };
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var pairs = options.Size * (options.Size - 1) / 2;
        var expected = (long)options.Sessions * pairs * (2 + 2 * options.Candidates) * options.Rounds;
        for (var round = 0; round < options.Rounds; round++)
        {
            var target = (long)options.Sessions * pairs * (2 + 2 * options.Candidates) * (round + 1);
            await Task.WhenAll(sessions.SelectMany(session => session.SelectMany(offerer => session
                .Where(answerer => string.CompareOrdinal(offerer.AccountId, answerer.AccountId) < 0)
                .Select(answerer => SendSideAsync(offerer, answerer.AccountId, RtcSignalKind.Offer, sdp, candidate, options.Candidates, twinSpace.Id,
                    () => Interlocked.Increment(ref refused))))));
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref delivered) + Volatile.Read(ref refused) < target && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
            // A pause between renegotiations, as between participants turning cameras on and off, keeps each
            // connection under its per-second signalling limit.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var cpu = process.TotalProcessorTime - cpuBefore;
        process.Refresh();

        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"signals: {delivered} delivered of {expected} sent, {refused} refused, in {wall.Elapsed.TotalSeconds:F1} s " +
            $"({delivered / wall.Elapsed.TotalSeconds:F0}/s including the pauses)");
        Console.WriteLine($"latency (call to the receiver's event): p50 {Measure.Percentile(sorted, 0.50):F1} ms, p99 {Measure.Percentile(sorted, 0.99):F1} ms, max {sorted.LastOrDefault():F1} ms");
        Console.WriteLine($"process (server + clients): CPU {cpu.TotalSeconds:F1} s over {wall.Elapsed.TotalSeconds:F1} s, " +
            $"{cpu.TotalMilliseconds / Math.Max(1, delivered) * 1000:F0} us per signal; working set {process.WorkingSet64 / 1048576.0:F0} MB");
        return delivered == expected ? 0 : 1;
    }

    /// <summary>One side of a pair's negotiation: the offer or answer, then the candidates, each stamped with its send time.</summary>
    private static async Task SendSideAsync(
        Participant from, string to, RtcSignalKind description, string sdp, string candidate, int candidates, string twinSpaceId, Action onRefused)
    {
        async Task SendAsync(RtcSignalKind kind, string body)
        {
            try { await from.Hub.SendRtcSignalAsync(twinSpaceId, from.RoomId, to, kind, $"{Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)}:{body}"); }
            catch (CollabHubException) { onRefused(); }
        }
        await SendAsync(description, sdp);
        for (var i = 0; i < candidates; i++) await SendAsync(RtcSignalKind.Candidate, candidate);
    }

    private sealed class Participant(string accountId, TwinSpaceConnection hub)
    {
        public string AccountId { get; } = accountId;
        public TwinSpaceConnection Hub { get; } = hub;
        public string RoomId { get; set; } = "";
    }

    private sealed record Options(int Sessions, int Size, int Rounds, int Candidates, string? Redis)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new Options(Number("--sessions", 50), Number("--size", 6), Number("--rounds", 5), Number("--candidates", 6), Value("--redis"));
        }
    }
}
