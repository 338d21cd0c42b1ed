using ETwinning.Collab.Client;
using ETwinning.Collab.IntegrationTests.Rooms;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>A server without a media server runs live events without media, and says so.</summary>
[Collection(LiveEventCollection.Name)]
public sealed class LiveEventWithoutMediaTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task Without_Janus_the_event_runs_and_says_it_has_no_media()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        Assert.True((await scenario.Host.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);

        var media = await scenario.Host.GetLiveEventMediaAsync(scenario.Id, scenario.EventId);
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => scenario.Host.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer));

        Assert.False(media.Available);
        Assert.Empty(media.Publishers);
        Assert.Equal("media_unavailable", refused.Code);
    }
}
