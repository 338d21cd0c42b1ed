using System.Diagnostics;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace ETwinning.Collab.Benchmarks.Storage;

/// <summary>
/// Durable writes per second through <see cref="DocumentDatabase"/> (group commit) with N concurrent writers,
/// against the anchor measured in the same run: the same documents, one LiteDB transaction each.
/// </summary>
internal sealed class StorageCommand : IBenchmarkCommand
{
    public string Usage => "[--writers 200] [--seconds 10]";

    public int Run(string[] args)
    {
        var writers = Option(args, "--writers", 200);
        var seconds = Option(args, "--seconds", 10);
        var folder = Directory.CreateTempSubdirectory("collab-storage-bench-").FullName;
        try
        {
            var anchor = OneTransactionPerWrite(Path.Combine(folder, "anchor.db"), TimeSpan.FromSeconds(seconds));
            var grouped = GroupCommit(Path.Combine(folder, "grouped.db"), writers, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                impl = "collab-storage",
                writers,
                seconds,
                single_transaction_writes_per_s = Math.Round(anchor),
                group_commit_writes_per_s = Math.Round(grouped.WritesPerSecond),
                ratio = Math.Round(grouped.WritesPerSecond / anchor, 1),
                ack_p50_ms = Math.Round(grouped.P50, 2),
                ack_p99_ms = Math.Round(grouped.P99, 2),
            }));
            return 0;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static double OneTransactionPerWrite(string path, TimeSpan duration)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var collection = db.GetCollection<Message>("messages");
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < duration)
        {
            db.BeginTrans();
            collection.Insert(Message.Create(count++));
            db.Commit();
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double WritesPerSecond, double P50, double P99)> GroupCommit(string path, int writers, TimeSpan duration)
    {
        await using var database = new DocumentDatabase(path, maxWritesPerBatch: 1_000, NullLogger.Instance);
        var latencies = new List<double>[writers];
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            latencies[w] = [];
            while (clock.Elapsed < duration)
            {
                var id = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                await database.WriteAsync(db => db.GetCollection<Message>("messages").Insert(Message.Create(id)));
                latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / clock.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Message
    {
        public int Id { get; init; }
        public string ChannelId { get; init; } = "";
        public string Text { get; init; } = "";
        public DateTime At { get; init; }

        public static Message Create(int id) => new() { Id = id + 1, ChannelId = $"channel-{id % 100}", Text = $"message {id} with some ordinary chat text", At = DateTime.UtcNow };
    }
}
