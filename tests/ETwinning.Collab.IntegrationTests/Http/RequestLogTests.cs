using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Http;

/// <summary>The request log is what an operator reads after an attack: it must show the status each client got.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task Refused_logins_are_logged_with_the_status_the_client_got()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?> { ["RateLimits:LoginPermitsPerAddressPerMinute"] = "2" });
        var guess = new PupilLoginRequest("ABCDEFGH", "nobody", "maple-otter-42");

        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add((await Assert.ThrowsAsync<CollabHubException>(() => server.Api.PupilLoginAsync(guess))).Code);

        Assert.Equal(["unauthorized", "unauthorized", "rate_limited"], codes);
        await Eventually.AssertAsync(() => Assert.Equal(["401", "401", "429"], LoggedStatuses(server, "POST /api/auth/pupil-login")));
    }

    [Fact]
    public async Task A_refused_hub_negotiation_and_an_unknown_route_are_logged_with_their_status()
    {
        await using var server = await CollabServer.StartAsync();
        using var negotiation = await server.Http.PostAsync($"{HubNames.TwinSpaceHubPath}/negotiate?negotiateVersion=1", null);
        using var unknown = await server.Http.GetAsync("/api/no-such-route");

        Assert.Equal((401, 404), ((int)negotiation.StatusCode, (int)unknown.StatusCode));
        await Eventually.AssertAsync(() =>
        {
            Assert.Equal(["401"], LoggedStatuses(server, $"POST {HubNames.TwinSpaceHubPath}/negotiate"));
            Assert.Equal(["404"], LoggedStatuses(server, "GET /api/no-such-route"));
        });
    }

    /// <summary>The statuses of the request log's lines for <paramref name="request"/> ("METHOD /path"), in order.</summary>
    private static List<string> LoggedStatuses(CollabServer server, string request) =>
        server.Logs.Lines
            .Where(line => line.Contains("RequestLogging: " + request + " -> ", StringComparison.Ordinal))
            .Select(line => line.Split(" -> ")[1].Split(' ')[0])
            .ToList();
}
