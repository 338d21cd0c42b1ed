using System.Collections.Concurrent;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

public sealed class ChatRecoveryTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private const string General = "general";

    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_client_whose_connection_drops_mid_stream_ends_with_every_message_once_in_order()
    {
        const int Count = 300;
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Otter");
        await using var relay = new TcpProxy(Server.BaseUrl);
        await using var receiver = new TwinSpaceConnection(relay.Url, () => Task.FromResult<string?>(pupil.Tokens.AccessToken));
        await receiver.StartAsync().WithTimeout();

        var timeline = new ChatTimeline();
        var reopened = new EventRecorder<int>();
        receiver.ChatMessageReceived += timeline.Apply;
        receiver.ChatChannelsReopened += async channels =>
        {
            // What a client does after a reconnect: ask for everything after the last message it holds.
            var missed = await receiver.RecoverChatAsync(scenario.Id, General, timeline.LastSequence);
            foreach (var message in missed!) timeline.Apply(message);
            reopened.Record(channels.Count);
        };
        await receiver.OpenChatChannelAsync(scenario.Id, General);

        var acked = new ConcurrentQueue<SendChatMessageResult>();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++) acked.Enqueue(await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"m{i}", $"message {i}"));
        });
        await Eventually.AssertAsync(() => Assert.True(timeline.LastSequence >= 50));
        relay.DropAll();
        await reopened.WaitForAsync(count => count == 1);
        await sending.WithTimeout(TimeSpan.FromSeconds(60));

        // Messages sent after the reconnect arrive live; the test waits for the last one.
        await Eventually.AssertAsync(() => Assert.Equal(Count, timeline.LastSequence));
        Assert.Equal(1, relay.Drops);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), timeline.Messages.Select(m => m.Sequence));
        Assert.Equal(acked.OrderBy(a => a.Message.Sequence).Select(a => a.Message.ClientMessageId), timeline.Messages.Select(m => m.ClientMessageId));
    }

    [Fact]
    public async Task Recovery_pages_through_a_gap_exactly_once_and_asks_for_a_reload_when_the_gap_is_too_old()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        for (var i = 1; i <= 450; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"g{i}", $"#{i}");

        var recovered = await scenario.FounderHub.RecoverChatAsync(scenario.Id, General, 10);
        Assert.Equal(Enumerable.Range(11, 440).Select(i => (long)i), recovered!.Select(m => m.Sequence));

        await using var strict = await CollabServer.StartAsync(new Dictionary<string, string?> { ["Chat:MaxRecoveryGapMessages"] = "100" }, shareStoreWith: Server);
        var hub = await strict.ConnectAsync(scenario.Founder);
        await using (hub)
        {
            var tooOld = await hub.GetChatMessagesSinceAsync(scenario.Id, General, 10);
            Assert.True(tooOld.ReloadRequired);
            Assert.Empty(tooOld.Messages);
            Assert.Equal(450, tooOld.LastSequence);
            Assert.Null(await hub.RecoverChatAsync(scenario.Id, General, 10));
            Assert.False((await hub.GetChatMessagesSinceAsync(scenario.Id, General, 350)).ReloadRequired);
        }
    }
}
