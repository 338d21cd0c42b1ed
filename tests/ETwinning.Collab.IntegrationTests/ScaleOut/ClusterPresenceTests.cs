using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.ScaleOut;

/// <summary>Two nodes on one Redis with a short node timeout, so a vanished node drops out of presence within seconds.</summary>
public sealed class PresenceCluster : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Cluster:NodeHeartbeatSeconds"] = "1",
        ["Cluster:NodeTimeoutSeconds"] = "2",
    };

    public RedisServer Redis { get; private set; } = null!;
    public CollabServer NodeA { get; private set; } = null!;
    public CollabServer NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        NodeA = await CollabServer.StartAsync(Settings, redis: Redis.ConnectionString);
        NodeB = await CollabServer.StartAsync(Settings, shareStoreWith: NodeA, redis: Redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class ClusterPresenceTests(PresenceCluster cluster) : IClassFixture<PresenceCluster>
{
    [Fact]
    public async Task The_member_list_shows_members_online_on_either_node()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Rover")).Single();
        await using var pupilOnB = await cluster.NodeB.ConnectAsync(await cluster.NodeB.PupilLoginAsync(scenario.TwinSpace, pupil));

        var pupilsView = await pupilOnB.JoinTwinSpaceAsync(scenario.Id);
        var foundersView = await (await scenario.ConnectAsync(scenario.Founder)).JoinTwinSpaceAsync(scenario.Id);

        Assert.True(OnlineIn(pupilsView, scenario.Founder.Account.Id), "the founder, connected to node A only, is online for a pupil on node B");
        Assert.True(OnlineIn(foundersView, pupil.AccountId), "the pupil, connected to node B only, is online for the founder on node A");
    }

    [Fact]
    public async Task An_account_on_both_nodes_goes_offline_only_when_its_last_connection_leaves()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        var presence = new EventRecorder<PresenceEvent>();
        scenario.FounderHub.PresenceChanged += presence.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Twice")).Single();
        var tokens = await cluster.NodeA.PupilLoginAsync(scenario.TwinSpace, pupil);
        var onA = await cluster.NodeA.ConnectAsync(tokens);
        var onB = await cluster.NodeB.ConnectAsync(tokens);
        await onA.JoinTwinSpaceAsync(scenario.Id);
        await onB.JoinTwinSpaceAsync(scenario.Id);

        await onB.DisposeAsync();
        await Eventually.AssertAsync(() => Assert.Empty(cluster.NodeB.Services.GetConnections().ConnectionsOf(scenario.Id, pupil.AccountId)));
        Assert.True(OnlineIn(await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id), pupil.AccountId), "still connected to node A");

        await onA.DisposeAsync();
        await presence.WaitForAsync(p => p.AccountId == pupil.AccountId && !p.Online);
        Assert.False(OnlineIn(await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id), pupil.AccountId));
        Assert.Single(presence.Seen, p => p.AccountId == pupil.AccountId && !p.Online);
    }

    [Fact]
    public async Task A_node_that_vanishes_drops_out_of_presence_after_the_node_timeout()
    {
        // Node C reaches Redis through a relay; cutting the relay is what kill -9 or a lost network looks like to the
        // others: no goodbye, no more heartbeats. Its pupil is still connected to it, and must still go offline.
        await using var relay = new TcpProxy(new Uri($"tcp://127.0.0.1:{cluster.Redis.Port}"));
        await using var nodeC = await CollabServer.StartAsync(PresenceCluster.Settings, shareStoreWith: cluster.NodeA, redis: $"127.0.0.1:{relay.Url.Port}");
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        var presence = new EventRecorder<PresenceEvent>();
        scenario.FounderHub.PresenceChanged += presence.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Castaway")).Single();
        await using var onC = await nodeC.ConnectAsync(await nodeC.PupilLoginAsync(scenario.TwinSpace, pupil));
        await onC.JoinTwinSpaceAsync(scenario.Id);
        await presence.WaitForAsync(p => p.AccountId == pupil.AccountId && p.Online);
        Assert.True(OnlineIn(await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id), pupil.AccountId));

        relay.Refusing = true;
        relay.DropAll();

        var offline = await presence.WaitForAsync(p => p.AccountId == pupil.AccountId && !p.Online);
        Assert.Equal("Castaway", offline.DisplayName);
        Assert.False(OnlineIn(await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id), pupil.AccountId));
    }

    [Fact]
    public async Task A_node_that_shuts_down_leaves_presence()
    {
        await using var nodeC = await CollabServer.StartAsync(PresenceCluster.Settings, shareStoreWith: cluster.NodeA, redis: cluster.Redis.ConnectionString);
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Leaver")).Single();
        await using var onC = await nodeC.ConnectAsync(await nodeC.PupilLoginAsync(scenario.TwinSpace, pupil));
        await onC.JoinTwinSpaceAsync(scenario.Id);
        Assert.True(OnlineIn(await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id), pupil.AccountId));

        await nodeC.StopAsync();

        await Eventually.AssertAsync(() => Assert.False(
            OnlineIn(scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id).GetAwaiter().GetResult(), pupil.AccountId)));
    }

    private static bool OnlineIn(TwinSpaceSnapshot snapshot, string accountId) => snapshot.Members.Single(m => m.AccountId == accountId).Online;
}
