using System.Diagnostics;
using System.Text.Json;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>The real <c>yjs</c> and <c>@microsoft/signalr</c> npm packages as clients (node-clients/script.mjs).</summary>
public sealed class NodeClientTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "ETwinning.Collab.IntegrationTests", "Pages", "node-clients");

    [Fact]
    public async Task Yjs_clients_with_random_disconnects_end_identical_to_each_other_a_fresh_joiner_and_the_server()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "yjs")))
            throw new InvalidOperationException($"Run `npm ci` in {Folder} first.");
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Written by four");
        var tokens = new List<string> { scenario.Founder.AccessToken };
        var pupilIds = new List<string>();
        foreach (var name in new[] { "Ibis", "Kite", "Wren" })
        {
            var (credentials, pupilTokens, _) = await scenario.AddPupilAsync(name);
            pupilIds.Add(credentials.AccountId);
            tokens.Add(pupilTokens.AccessToken);
        }
        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, page.Id, [.. pupilIds]);

        var output = await RunNodeAsync(["script.mjs", fixture.Server.BaseUrl.ToString(), scenario.Id, page.Id, "20261124", .. tokens]);
        using var result = JsonDocument.Parse(output);
        var clients = result.RootElement.GetProperty("clients").EnumerateArray().Select(c => c.GetString()).ToList();
        var fresh = result.RootElement.GetProperty("fresh").GetString();

        Assert.Equal(4, clients.Count);
        Assert.True(result.RootElement.GetProperty("reconnects").GetInt32() > 0, "the run had no disconnects");
        Assert.Contains("<paragraph>", fresh, StringComparison.Ordinal);
        Assert.All(clients, content => Assert.Equal(fresh, content));
        var server = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        Assert.Equal(fresh, server.Xml);
    }

    /// <summary>
    /// One pupil typing fast in five tabs (half MessagePack, half JSON) with pastes and dropped connections, on
    /// a server with the default rate limits: far more calls than the per-account limit allows. Updates get
    /// backpressure or are refused and resent by the provider; nothing typed is lost and every replica, a fresh
    /// joiner and the server end equal.
    /// </summary>
    [Fact]
    public async Task Five_tabs_of_one_pupil_past_every_limit_lose_nothing_and_end_equal()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@etwinning", "collab-provider")))
            throw new InvalidOperationException($"Run `npm ci` in {Folder} first.");
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            // The shipped defaults (CollabServer raises them for other tests).
            ["RateLimits:HubInvocationsPerSecond"] = "20",
            ["RateLimits:HubInvocationBurst"] = "40",
        });
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Typed in five tabs");
        var (pupil, pupilTokens, _) = await scenario.AddPupilAsync("Swift");
        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, page.Id, [pupil.AccountId]);

        var output = await RunNodeAsync(["limits.mjs", server.BaseUrl.ToString(), scenario.Id, page.Id, "4", .. Enumerable.Repeat(pupilTokens.AccessToken, 5)]);
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        var clients = root.GetProperty("clients").EnumerateArray().Select(c => c.GetString()).ToList();
        var fresh = root.GetProperty("fresh").GetString();

        // The run did go past the limits (refusals or waits) and did drop connections.
        Assert.True(root.GetProperty("drops").GetInt32() > 0, "no connection was dropped");
        Assert.Equal(5, root.GetProperty("paragraphs").GetInt32());
        Assert.All(root.GetProperty("unacknowledged").EnumerateArray(), queued => Assert.Equal(0, queued.GetInt32()));
        Assert.All(clients, content => Assert.Equal(fresh, content));
        var serverCopy = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        Assert.Equal(fresh, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(serverCopy.Xml))));
        Assert.Equal(root.GetProperty("length").GetInt32(), serverCopy.Xml.Length);
    }

    private static async Task<string> RunNodeAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        try { await node.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(90)); }
        catch (TimeoutException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await stderr}");
        return (await stdout).Trim().Split('\n')[^1];
    }
}
