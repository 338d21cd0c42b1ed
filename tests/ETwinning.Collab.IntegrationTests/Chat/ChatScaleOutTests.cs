using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

/// <summary>Two nodes sharing one store (as a shared database would) and one real Redis.</summary>
public sealed class ChatScaleOutTests
{
    private const string General = "general";

    [Fact]
    public async Task A_message_sent_on_one_node_reaches_members_on_the_other_and_sequences_stay_unique()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodeA = await CollabServer.StartAsync(ChatServerFixture.GenerousLimits, redis: redis.ConnectionString);
        await using var nodeB = await CollabServer.StartAsync(ChatServerFixture.GenerousLimits, shareStoreWith: nodeA, redis: redis.ConnectionString);
        await using var scenario = await TwinSpaceScenario.CreateAsync(nodeA);
        var pupil = await scenario.AddPupilAsync("Otter");
        await using var pupilOnB = await nodeB.ConnectAsync(pupil.Tokens);
        var onB = new EventRecorder<ChatMessageView>();
        pupilOnB.ChatMessageReceived += onB.Record;
        await pupilOnB.OpenChatChannelAsync(scenario.Id, General);

        var sent = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "a1", "Hello from node A");
        Assert.Equal("Hello from node A", (await onB.WaitForAsync(m => m.Sequence == sent.Message.Sequence)).Text);

        // Both nodes append to the same channel at once: one sequence each, no gaps.
        var fromA = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"A{i}", $"A{i}");
        });
        var fromB = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++) await pupilOnB.SendChatMessageAsync(scenario.Id, General, $"B{i}", $"B{i}");
        });
        await Task.WhenAll(fromA, fromB).WithTimeout(TimeSpan.FromSeconds(60));
        var all = await pupilOnB.RecoverChatAsync(scenario.Id, General, 0);
        Assert.Equal(Enumerable.Range(1, 101).Select(i => (long)i), all!.Select(m => m.Sequence));
        await Eventually.AssertAsync(() => Assert.Equal(101, onB.Seen.Select(m => m.Sequence).Distinct().Count()));
    }

    [Fact]
    public async Task With_Redis_down_sends_still_succeed_and_the_other_node_recovers_by_sequence_when_it_returns()
    {
        var redis = await RedisServer.StartAsync();
        var port = redis.Port;
        await using var nodeA = await CollabServer.StartAsync(ChatServerFixture.GenerousLimits, redis: redis.ConnectionString);
        await using var nodeB = await CollabServer.StartAsync(ChatServerFixture.GenerousLimits, shareStoreWith: nodeA, redis: redis.ConnectionString);
        await using var scenario = await TwinSpaceScenario.CreateAsync(nodeA);
        var pupil = await scenario.AddPupilAsync("Otter");
        await using var pupilOnB = await nodeB.ConnectAsync(pupil.Tokens);
        var timeline = new ChatTimeline();
        pupilOnB.ChatMessageReceived += timeline.Apply;
        await pupilOnB.OpenChatChannelAsync(scenario.Id, General);
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "before", "Redis is up");
        await Eventually.AssertAsync(() => Assert.Equal(1, timeline.LastSequence));

        await redis.KillAsync();
        await redis.DisposeAsync();
        for (var i = 0; i < 5; i++)
        {
            var sent = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"down{i}", $"while Redis is down {i}")
                .WithTimeout(TimeSpan.FromSeconds(5));
            Assert.Equal(i + 2, sent.Message.Sequence);
        }

        await using var restarted = await RedisServer.StartAsync(port);
        // Live delivery resumes once both nodes have reconnected; until then probes only land in the store.
        var probe = 0;
        await Eventually.AssertAsync(() =>
        {
            scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"probe{++probe}", "are you there?").WithTimeout().GetAwaiter().GetResult();
            Assert.Contains(timeline.Messages.Concat(LateArrivals(timeline)), m => m.ClientMessageId.StartsWith("probe", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(30));
        var missed = await pupilOnB.RecoverChatAsync(scenario.Id, General, timeline.LastSequence);
        foreach (var message in missed!) timeline.Apply(message);

        var expected = 1 + 5 + probe;
        await Eventually.AssertAsync(() => Assert.Equal(expected, timeline.LastSequence));
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), timeline.Messages.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"down{i}"), timeline.Messages.Skip(1).Take(5).Select(m => m.ClientMessageId));
    }

    // A live probe can arrive before the gap is filled; the timeline holds it back until recovery fills the gap.
    private static IEnumerable<ChatMessageView> LateArrivals(ChatTimeline timeline) => timeline.Pending;
}
