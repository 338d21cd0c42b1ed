using System.Net;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.ScaleOut;

public sealed class TwoNodeTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task A_member_on_node_B_sees_a_pupil_come_online_on_node_A()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeB);
        var presence = new EventRecorder<PresenceEvent>();
        scenario.FounderHub.PresenceChanged += presence.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Traveller")).Single();

        var tokens = await cluster.NodeA.PupilLoginAsync(scenario.TwinSpace, pupil);
        await using var onNodeA = await cluster.NodeA.ConnectAsync(tokens);
        await onNodeA.JoinTwinSpaceAsync(scenario.Id);

        var online = await presence.WaitForAsync(p => p.AccountId == pupil.AccountId && p.Online);
        Assert.Equal("Traveller", online.DisplayName);
    }

    [Fact]
    public async Task Removing_a_member_on_node_A_evicts_their_connection_on_node_B()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Leaving")).Single();
        await using var onNodeB = await cluster.NodeB.ConnectAsync(await cluster.NodeB.PupilLoginAsync(scenario.TwinSpace, pupil));
        await onNodeB.JoinTwinSpaceAsync(scenario.Id);
        var revoked = new EventRecorder<AccessRevokedEvent>();
        var changes = new EventRecorder<TwinSpaceView>();
        onNodeB.AccessRevoked += revoked.Record;
        onNodeB.TwinSpaceChanged += changes.Record;

        await scenario.FounderHub.RemoveMemberAsync(scenario.Id, pupil.AccountId);
        await revoked.WaitForAsync(r => r.TwinSpaceId == scenario.Id);

        // Once node B applied the eviction, group events stop reaching the removed pupil.
        var watcher = await scenario.ConnectAsync(scenario.Founder);
        var founderChanges = new EventRecorder<TwinSpaceView>();
        watcher.TwinSpaceChanged += founderChanges.Record;
        await watcher.JoinTwinSpaceAsync(scenario.Id);
        await Eventually.AssertAsync(() => Assert.Empty(cluster.NodeB.Services
            .GetConnections().ConnectionsOf(scenario.Id, pupil.AccountId)));
        await scenario.FounderHub.UpdateTwinSpaceAsync(scenario.Id, "After eviction", null);
        await founderChanges.WaitForAsync(t => t.Title == "After eviction");
        Assert.Empty(changes.Seen);
    }

    [Fact]
    public async Task Ready_checks_redis_and_fails_when_it_is_gone()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var node = await CollabServer.StartAsync(redis: redis.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/health/ready")).StatusCode);

        await redis.DisposeAsync();

        await Eventually.AssertAsync(() =>
            Assert.Equal(HttpStatusCode.ServiceUnavailable, node.Http.GetAsync("/health/ready").GetAwaiter().GetResult().StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/health/live")).StatusCode);
    }
}
