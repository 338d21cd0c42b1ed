using ETwinning.Collab.Client;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>
/// Page updates have their own budget in bytes per account and wait for it instead of being refused, and do
/// not use up the per-account invocation limit (a refused Yjs update leaves the page split until resent).
/// </summary>
public sealed class PageUpdateBudgetTests
{
    private static Task<CollabServer> StartAsync(int invocationBurst = 5) => CollabServer.StartAsync(new Dictionary<string, string?>
    {
        ["RateLimits:HubInvocationsPerSecond"] = "2",
        ["RateLimits:HubInvocationBurst"] = invocationBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:UpdateBytesPerSecond"] = "4096",
        ["RateLimits:UpdateBurstBytes"] = "4096",
        ["RateLimits:UpdateMinimumCostBytes"] = "256",
    });

    [Fact]
    public async Task Updates_past_the_invocation_limit_wait_for_their_byte_budget_instead_of_failing()
    {
        await using var server = await StartAsync();
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Budget");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);

        // 40 updates cost 40 x 256 bytes: 2.5 buckets, so later ones wait; none is refused, although 40 calls
        // are far past the invocation limit (burst 5).
        for (var i = 0; i < 40; i++) await editor.AppendParagraphAsync($"line {i}");
        var reader = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        Assert.Equal(40, reader.Document.GetXmlFragment("prosemirror").Length);

        // Other calls of the same account still have their own limit.
        var codes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            try { await scenario.FounderHub.ListMyTwinSpacesAsync(); codes.Add("ok"); }
            catch (CollabHubException error) { codes.Add(error.Code); }
        }
        Assert.Contains("rate_limited", codes);
    }

    [Fact]
    public async Task Beyond_what_may_wait_updates_are_refused_with_rate_limited_and_the_accepted_ones_are_kept()
    {
        // Room for the ten joins below; the updates have their own budget anyway.
        await using var server = await StartAsync(invocationBurst: 100);
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Flood");
        // Ten tabs of one account paste 1,500 characters each at the same moment: 15 KB against a bucket of
        // 4 KB of which 4 KB more may wait.
        var editors = new List<PageEditor>();
        for (var i = 0; i < 10; i++)
        {
            var hub = await server.ConnectAsync(scenario.Founder);
            editors.Add(await PageEditor.JoinAsync(hub, scenario.Id, page.Id));
        }
        var codes = await Task.WhenAll(editors.Select(async (editor, i) =>
        {
            try { await editor.AppendParagraphAsync(new string((char)('a' + i), 1500)); return "ok"; }
            catch (CollabHubException error) { return error.Code; }
        }));
        Assert.Contains("rate_limited", codes);
        var accepted = codes.Count(c => c == "ok");
        Assert.InRange(accepted, 2, 9);
        // Acknowledged means durable and applied: a reader sees exactly the accepted pastes.
        var reader = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        Assert.Equal(accepted, reader.Document.GetXmlFragment("prosemirror").Length);
        foreach (var editor in editors) await editor.Hub.DisposeAsync();
    }
}
