using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ETwinning.Collab.Client;
using ETwinning.Collab.IntegrationTests.Chat;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Metrics;

[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests
{
    private const string ScrapeKey = "scrape-key-for-the-metrics-tests";

    [Fact]
    public async Task A_scrape_shows_hub_calls_errors_chat_messages_and_durable_writes()
    {
        await using var server = await StartWithMetricsAsync();
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, "general", "metrics-1", "Counted once");
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.JoinTwinSpaceAsync("no-such-twinspace"));

        await Eventually.AssertAsync(() =>
        {
            var text = ScrapeAsync(server, ScrapeKey).GetAwaiter().GetResult();
            Assert.True(Sum(text, "collab_hub_calls_total", "method=\"SendChatMessage\"") >= 1, text);
            Assert.True(Sum(text, "collab_hub_errors_total", "method=\"JoinTwinSpace\"", $"code=\"{refused.Code}\"") >= 1, text);
            Assert.True(Sum(text, "collab_chat_messages_total") >= 1, text);
            Assert.True(Sum(text, "collab_connections") >= 1, text);
            Assert.True(Sum(text, "collab_storage_writes_total", "provider=\"litedb\"", "outcome=\"committed\"") >= 1, text);
            Assert.True(Sum(text, "collab_storage_write_duration_seconds_count", "provider=\"litedb\"") >= 1, text);
        });
    }

    [Fact]
    public async Task A_scrape_without_the_key_or_with_a_wrong_one_is_refused()
    {
        await using var server = await StartWithMetricsAsync();

        using var anonymous = await server.Http.GetAsync("/metrics");
        using var wrong = await ScrapeResponseAsync(server, "not-the-scrape-key-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("collab_", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_not_served_unless_enabled()
    {
        await using var server = await CollabServer.StartAsync();

        using var response = await ScrapeResponseAsync(server, ScrapeKey);

        Assert.DoesNotContain("collab_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<CollabServer> StartWithMetricsAsync()
    {
        var settings = new Dictionary<string, string?>(ChatServerFixture.GenerousLimits)
        {
            ["Metrics:Prometheus:Enabled"] = "true",
            ["Metrics:Prometheus:ScrapeKey"] = ScrapeKey,
        };
        return CollabServer.StartAsync(settings);
    }

    private static async Task<HttpResponseMessage> ScrapeResponseAsync(CollabServer server, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await server.Http.SendAsync(request);
    }

    private static async Task<string> ScrapeAsync(CollabServer server, string key)
    {
        using var response = await ScrapeResponseAsync(server, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples (Prometheus text format: <c>name{labels} value [timestamp]</c>) whose labels include every one given.</summary>
    private static double Sum(string text, string metric, params string[] labels) => text.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Replace(metric, "", StringComparison.Ordinal).Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}
