using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.Pages;

namespace ETwinning.Collab.IntegrationTests.Cluster;

/// <summary>Three real server processes on PostgreSQL and Redis behind nginx, used as schools would use them.</summary>
public sealed class ClusterTests
{
    private const string General = "general";

    [Fact]
    public async Task A_teacher_and_a_pupil_on_different_nodes_co_edit_a_page_and_chat_through_the_balancer()
    {
        await using var cluster = await CollabCluster.StartAsync();
        var founder = await cluster.NewTeacherAsync();
        TwinSpaceView twinSpace;
        PupilCredentials pupilCredentials;
        PageView page;
        await using (var setup = await cluster.ConnectToAsync(0, founder))
        {
            twinSpace = await setup.CreateTwinSpaceAsync("Rivers of Europe");
            pupilCredentials = (await setup.CreatePupilsAsync(twinSpace.Id, "Otter")).Single();
            page = await setup.CreatePageAsync(twinSpace.Id, "Our river");
            await setup.AssignPageEditorsAsync(twinSpace.Id, page.Id, pupilCredentials.AccountId);
        }
        var pupilTokens = await cluster.PupilLoginAsync(twinSpace, pupilCredentials);
        await Eventually.AssertAsync(() => Assert.Equal(0, cluster.ConnectionCountsAsync().GetAwaiter().GetResult().Sum()));

        // Through the balancer, round robin: consecutive connections land on consecutive nodes. Each node's metrics
        // say where each one went.
        var before = await cluster.ConnectionCountsAsync();
        await using var teacher = await cluster.ConnectAsync(founder);
        var teacherNode = await cluster.NodeThatGainedAsync(before);
        before = await cluster.ConnectionCountsAsync();
        await using var pupil = await cluster.ConnectAsync(pupilTokens);
        var pupilNode = await cluster.NodeThatGainedAsync(before);
        Assert.NotEqual(teacherNode, pupilNode);

        // Presence counts every node: the teacher sees the pupil come online although they share no node.
        var presence = new EventRecorder<PresenceEvent>();
        teacher.PresenceChanged += presence.Record;
        await teacher.JoinTwinSpaceAsync(twinSpace.Id);
        await pupil.JoinTwinSpaceAsync(twinSpace.Id);
        await presence.WaitForAsync(p => p.AccountId == pupilCredentials.AccountId && p.Online);

        var teacherEditor = await PageEditor.JoinAsync(teacher, twinSpace.Id, page.Id);
        var pupilEditor = await PageEditor.JoinAsync(pupil, twinSpace.Id, page.Id);
        for (var i = 0; i < 5; i++)
            await Task.WhenAll(teacherEditor.AppendParagraphAsync($"teacher {i}"), pupilEditor.AppendParagraphAsync($"pupil {i}"));
        await Eventually.AssertAsync(() => Assert.Equal(teacherEditor.Xml, pupilEditor.Xml));
        Assert.Equal(10, teacherEditor.Document.GetXmlFragment("prosemirror").Length);

        var heard = new EventRecorder<ChatMessageView>();
        teacher.ChatMessageReceived += heard.Record;
        await teacher.OpenChatChannelAsync(twinSpace.Id, General);
        await pupil.OpenChatChannelAsync(twinSpace.Id, General);
        var sent = await pupil.SendChatMessageAsync(twinSpace.Id, General, "otter-1", "Our river is the Danube!");
        var received = await heard.WaitForAsync(m => m.ClientMessageId == "otter-1");
        Assert.Equal(sent.Message.Sequence, received.Sequence);

        // Every node reads the same shared store: a fresh join straight to each node gets the whole page and the chat.
        for (var node = 0; node < cluster.Nodes.Count; node++)
        {
            await using var direct = await cluster.ConnectToAsync(node, founder);
            var reader = await PageEditor.JoinAsync(direct, twinSpace.Id, page.Id);
            Assert.Equal(teacherEditor.Xml, reader.Xml);
            var history = await direct.GetChatHistoryAsync(twinSpace.Id, General);
            Assert.Contains(history.Messages, m => m.ClientMessageId == "otter-1" && m.Sequence == sent.Message.Sequence);
        }
    }

    [Fact]
    public async Task Chat_sequences_assigned_on_three_nodes_at_once_are_gap_free_and_retries_on_another_node_do_not_duplicate()
    {
        await using var cluster = await CollabCluster.StartAsync(settings: CollabCluster.NoChatLimits);
        var founder = await cluster.NewTeacherAsync();
        var connections = new List<Client.TwinSpaceConnection>();
        for (var node = 0; node < cluster.Nodes.Count; node++) connections.Add(await cluster.ConnectToAsync(node, founder));
        var twinSpace = await connections[0].CreateTwinSpaceAsync("Sequences");

        var acknowledged = await Task.WhenAll(connections.Select((hub, node) => Task.Run(async () =>
        {
            var sequences = new List<long>();
            for (var i = 0; i < 60; i++)
                sequences.Add((await hub.SendChatMessageAsync(twinSpace.Id, General, $"n{node}-{i}", $"message {i} from node {node}")).Message.Sequence);
            return sequences;
        })));
        // A client that lost its answer retries through another node: it gets the stored message back, not a second one.
        var retried = await connections[2].SendChatMessageAsync(twinSpace.Id, General, "n0-7", "message 7 from node 0");

        var all = acknowledged.SelectMany(s => s).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 180).Select(i => (long)i), all);
        Assert.True(retried.Duplicate);
        Assert.Equal(acknowledged[0][7], retried.Message.Sequence);
        var stored = await connections[1].RecoverChatAsync(twinSpace.Id, General, 0);
        Assert.NotNull(stored);
        Assert.Equal(180, stored.Count);
        foreach (var hub in connections) await hub.DisposeAsync();
    }
}
