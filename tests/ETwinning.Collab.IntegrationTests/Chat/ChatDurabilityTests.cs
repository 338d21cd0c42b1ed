using System.Collections.Concurrent;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

public sealed class ChatDurabilityTests
{
    private const string General = "general";

    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Chat:MessageBurst"] = "1000000",
        ["Chat:MessagesPerMinute"] = "6000000",
    };

    [Fact]
    public async Task Killing_the_server_with_SIGKILL_under_load_loses_no_acknowledged_message()
    {
        string dataDirectory;
        TokenPair teacher;
        string twinSpaceId;
        var acked = new ConcurrentDictionary<string, long>();
        await using (var first = await ServerProcess.StartAsync(settings: Limits))
        {
            dataDirectory = first.DataDirectory;
            teacher = await first.NewTeacherAsync();
            var senders = new List<TwinSpaceConnection>();
            for (var i = 0; i < 4; i++) senders.Add(await first.ConnectAsync(teacher));
            twinSpaceId = (await senders[0].CreateTwinSpaceAsync("Durable chat")).Id;

            using var stop = new CancellationTokenSource();
            var load = senders.Select((hub, s) => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = $"s{s}-{i}";
                    try { acked[id] = (await hub.SendChatMessageAsync(twinSpaceId, General, id, $"message {i} of sender {s}")).Message.Sequence; }
                    catch (Exception) when (stop.IsCancellationRequested) { return; }
                    catch (Exception) { return; } // The server died with this send in flight: it was never acknowledged.
                }
            })).ToList();
            await Eventually.AssertAsync(() => Assert.True(acked.Count >= 400), TimeSpan.FromSeconds(60));
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load).WithTimeout(TimeSpan.FromSeconds(30));
            foreach (var hub in senders) await hub.DisposeAsync();
        }

        await using var second = await ServerProcess.StartAsync(dataDirectory, Limits);
        await using var reader = await second.ConnectAsync(teacher);
        var stored = await reader.RecoverChatAsync(twinSpaceId, General, 0);

        Assert.NotNull(stored);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
        Assert.Equal(stored.Count, stored.Select(m => m.ClientMessageId).Distinct().Count());
        var byClientId = stored.ToDictionary(m => m.ClientMessageId, m => m.Sequence);
        Assert.All(acked, ack => Assert.Equal(ack.Value, byClientId.GetValueOrDefault(ack.Key)));
        // The restarted server goes on where the old one stopped.
        var next = await reader.SendChatMessageAsync(twinSpaceId, General, "after-restart", "still here");
        Assert.Equal(stored.Count + 1, next.Message.Sequence);
    }
}
