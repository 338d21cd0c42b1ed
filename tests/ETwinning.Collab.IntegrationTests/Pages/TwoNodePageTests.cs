using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.ScaleOut;
using ETwinning.Collab.Server.Features.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Pages;

public sealed class TwoNodePageTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task Editors_on_different_nodes_converge_and_a_join_on_either_node_gets_everything()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Crane")).Single();
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Across Europe");
        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, page.Id, pupil.AccountId);
        await using var pupilOnB = await cluster.NodeB.ConnectAsync(await cluster.NodeB.PupilLoginAsync(scenario.TwinSpace, pupil));

        var onA = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var onB = await PageEditor.JoinAsync(pupilOnB, scenario.Id, page.Id);
        Assert.True(cluster.NodeB.Services.GetRequiredService<LivePageService>().IsLoaded(scenario.Id, page.Id));
        await pupilOnB.SendPageAwarenessAsync(scenario.Id, page.Id, AwarenessUpdate.Encode(777, 1,
            new Dictionary<string, object?> { ["user"] = new Dictionary<string, object?> { ["name"] = "Crane" } }));

        for (var i = 0; i < 5; i++)
            await Task.WhenAll(onA.AppendParagraphAsync($"A{i}"), onB.AppendParagraphAsync($"B{i}"));

        await Eventually.AssertAsync(() => Assert.Equal(onA.Xml, onB.Xml));
        Assert.Equal(10, onA.Document.GetXmlFragment("prosemirror").Length);
        // Each node's in-memory document is current: fresh joins on both nodes get the whole page and the cursors.
        foreach (var node in new[] { cluster.NodeA, cluster.NodeB })
        {
            await using var fresh = await node.ConnectAsync(scenario.Founder);
            await Eventually.AssertAsync(() =>
            {
                var joined = PageEditor.JoinAsync(fresh, scenario.Id, page.Id).GetAwaiter().GetResult();
                Assert.Equal(onA.Xml, joined.Xml);
                Assert.Contains(AwarenessUpdate.Decode(joined.Joined.Awareness), s => s.ClientId == 777);
            });
        }
    }
}
