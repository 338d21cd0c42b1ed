using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Http;

public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task The_html_export_of_pages_is_sandboxed_by_a_strict_content_security_policy()
    {
        await using var server = await CollabServer.StartAsync();
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        await scenario.FounderHub.CreatePageAsync(scenario.Id, "Home");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/twinspaces/{scenario.Id}/pages/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Founder.AccessToken);
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Directives(response);
        // Nothing runs or loads from elsewhere: no script (default-src 'none' and no script-src), no plugins, no
        // forms, no <base> tricks, no framing, and the document is sandboxed into a unique origin.
        Assert.Equal("'none'", policy["default-src"]);
        Assert.False(policy.ContainsKey("script-src"), "the export must not allow any script");
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.Equal("'none'", policy["form-action"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.True(policy.ContainsKey("sandbox"), "the export must be sandboxed");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Refusals_written_by_the_error_handler_keep_the_security_headers()
    {
        await using var server = await CollabServer.StartAsync();
        using var response = await server.Http.PostAsJsonAsync("/api/auth/pupil-login", new PupilLoginRequest("ABCDEFGH", "nobody", "maple-otter-42"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("'none'", Directives(response)["frame-ancestors"]);
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        (Header(response, "Content-Security-Policy") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "");
}
