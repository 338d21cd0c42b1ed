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
