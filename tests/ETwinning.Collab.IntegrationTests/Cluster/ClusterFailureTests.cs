using System.Collections.Concurrent;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.Pages;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.IntegrationTests.Cluster;

/// <summary>Parts of a running cluster fail for real (SIGKILL, a stopped Redis or PostgreSQL) under load.</summary>
public sealed class ClusterFailureTests
{
    private const string General = "general";

    [Fact]
    public async Task Killing_a_node_under_chat_and_page_load_loses_nothing_acknowledged_and_its_clients_go_on_through_another_node()
    {
        await using var cluster = await CollabCluster.StartAsync(settings: CollabCluster.NoChatLimits);
        var founder = await cluster.NewTeacherAsync();
        // Six writers through the balancer: round robin puts two on each node.
        var writers = new List<TwinSpaceConnection>();
        for (var i = 0; i < 6; i++) writers.Add(await cluster.ConnectAsync(founder));
        var twinSpace = await writers[0].CreateTwinSpaceAsync("Under load");
        var page = await writers[0].CreatePageAsync(twinSpace.Id, "Shared notes");
        var chatAcks = new ConcurrentDictionary<string, long>();
        var pageAcks = new ConcurrentBag<string>();
        var reconnected = new ConcurrentDictionary<int, bool>();
        using var stop = new CancellationTokenSource();

        var load = writers.Select((hub, writer) => Task.Run(async () =>
        {
            hub.Hub.Reconnected += _ => { reconnected[writer] = true; return Task.CompletedTask; };
            var editor = await PageEditor.JoinAsync(hub, twinSpace.Id, page.Id);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"w{writer}-{i}";
                chatAcks[id] = await UntilAcknowledgedAsync(hub, () => hub.SendChatMessageAsync(twinSpace.Id, General, id, $"note {i} of writer {writer}"),
                    result => result.Message.Sequence);
                // A page edit whose answer was lost is in the local document: a fresh sync (on the new node) sends it.
                try { await editor.AppendParagraphAsync(id); }
                catch (Exception)
                {
                    await UntilAcknowledgedAsync(hub, async () => { await editor.SyncAsync(); return true; }, done => done);
                }
                pageAcks.Add(id);
            }
        })).ToList();

        await Eventually.AssertAsync(() => Assert.True(chatAcks.Count >= 120), TimeSpan.FromSeconds(60));
        await cluster.Nodes[1].KillAsync();
        var atKill = chatAcks.Count;
        // The killed node's writers reconnect through nginx to a live node and keep writing.
        await Eventually.AssertAsync(() => Assert.True(reconnected.Count >= 2 && chatAcks.Count >= atKill + 120), TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await Task.WhenAll(load).WithTimeout(TimeSpan.FromSeconds(60));

        await using var reader = await cluster.ConnectToAsync(0, founder);
        var stored = await reader.RecoverChatAsync(twinSpace.Id, General, 0);
        Assert.NotNull(stored);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
        Assert.Equal(stored.Count, stored.Select(m => m.ClientMessageId).Distinct().Count());
        var byClientId = stored.ToDictionary(m => m.ClientMessageId, m => m.Sequence);
        Assert.All(chatAcks, ack => Assert.Equal(ack.Value, byClientId.GetValueOrDefault(ack.Key)));
        var pageReader = await PageEditor.JoinAsync(reader, twinSpace.Id, page.Id);
        foreach (var text in pageAcks) Assert.Contains($"<paragraph>{text}</paragraph>", pageReader.Xml, StringComparison.Ordinal);
        foreach (var hub in writers) await hub.DisposeAsync();
    }

    [Fact]
    public async Task Restarting_redis_loses_no_durable_message_and_clients_recover_by_sequence()
    {
        await using var cluster = await CollabCluster.StartAsync(nodeCount: 2, settings: CollabCluster.NoChatLimits);
        var founder = await cluster.NewTeacherAsync();
        await using var sender = await cluster.ConnectToAsync(0, founder);
        await using var listener = await cluster.ConnectToAsync(1, founder);
        var twinSpace = await sender.CreateTwinSpaceAsync("Backplane outage");
        var heard = new EventRecorder<ChatMessageView>();
        listener.ChatMessageReceived += heard.Record;
        await listener.OpenChatChannelAsync(twinSpace.Id, General);
        await sender.SendChatMessageAsync(twinSpace.Id, General, "before", "before the outage");
        var lastHeard = (await heard.WaitForAsync(m => m.ClientMessageId == "before")).Sequence;

        var port = cluster.Redis.Port;
        await cluster.Redis.KillAsync();
        // Writes go to PostgreSQL: they are acknowledged while the backplane is gone.
        var during = new List<long>();
        for (var i = 0; i < 10; i++) during.Add((await sender.SendChatMessageAsync(twinSpace.Id, General, $"during-{i}", $"during {i}")).Message.Sequence);
        await using var revived = await RedisServer.StartAsync(port);

        // The listener learns what it missed by sequence, whatever the backplane delivered.
        var missed = await listener.RecoverChatAsync(twinSpace.Id, General, lastHeard);
        Assert.NotNull(missed);
        Assert.Equal(during, missed.Select(m => m.Sequence));
        // And live delivery across nodes resumes by itself once Redis is back.
        await Eventually.AssertAsync(() =>
        {
            var id = $"after-{Guid.NewGuid():N}";
            sender.SendChatMessageAsync(twinSpace.Id, General, id, "after the outage").GetAwaiter().GetResult();
            heard.WaitForAsync(m => m.ClientMessageId == id, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
        }, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task While_postgres_is_down_writes_fail_as_unavailable_and_the_cluster_resumes_by_itself()
    {
        await using var cluster = await CollabCluster.StartAsync(nodeCount: 2, ownPostgres: true, settings: CollabCluster.NoChatLimits);
        var founder = await cluster.NewTeacherAsync();
        await using var hub = await cluster.ConnectToAsync(0, founder);
        var twinSpace = await hub.CreateTwinSpaceAsync("Database outage");
        var acknowledged = new List<long>();
        for (var i = 0; i < 20; i++) acknowledged.Add((await hub.SendChatMessageAsync(twinSpace.Id, General, $"before-{i}", $"before {i}")).Message.Sequence);

        await cluster.Postgres.StopAsync();
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => hub.SendChatMessageAsync(twinSpace.Id, General, "during", "while the database is down"));
        Assert.Equal("unavailable", refused.Code);

        await cluster.Postgres.RestartAsync();
        var after = await Eventually.ResultAsync(() => hub.SendChatMessageAsync(twinSpace.Id, General, "after", "after the outage"), TimeSpan.FromSeconds(60));
        // The refused write was never stored: a client's retry of it goes in now, once, in order.
        var retried = await hub.SendChatMessageAsync(twinSpace.Id, General, "during", "while the database is down");
        Assert.False(retried.Duplicate);

        await using var other = await cluster.ConnectToAsync(1, founder);
        var stored = await other.RecoverChatAsync(twinSpace.Id, General, 0);
        Assert.NotNull(stored);
        Assert.Equal(acknowledged.Concat([after.Message.Sequence, retried.Message.Sequence]), stored.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
    }

    /// <summary>Repeats <paramref name="send"/> until acknowledged, waiting for the connection to come back between tries.</summary>
    private static async Task<TAck> UntilAcknowledgedAsync<TResult, TAck>(TwinSpaceConnection hub, Func<Task<TResult>> send, Func<TResult, TAck> ack)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return ack(await send()); }
            catch (Exception) when (attempt < MaxSendAttempts)
            {
                await Eventually.AssertAsync(() => Assert.Equal(HubConnectionState.Connected, hub.Hub.State), TimeSpan.FromSeconds(60));
            }
        }
    }

    private const int MaxSendAttempts = 20;
}
