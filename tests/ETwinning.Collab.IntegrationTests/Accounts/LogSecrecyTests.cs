using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Accounts;

public sealed class LogSecrecyTests
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task Tokens_and_passwords_never_reach_the_log_even_at_trace_level()
    {
        // An operator chasing a problem turns everything up to Trace: secrets must stay out even then.
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        var teacher = await server.NewTeacherAsync();
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Quiet")).Single();
        await Assert.ThrowsAsync<CollabHubException>(() => server.PupilLoginAsync(scenario.TwinSpace, pupil with { Password = "secret-guess-77" }));
        var pupilTokens = await server.PupilLoginAsync(scenario.TwinSpace, pupil);
        await server.Api.RefreshAsync(teacher.RefreshToken);

        var snapshot = await JoinLikeABrowserAsync(server, pupilTokens.AccessToken, scenario.Id);

        Assert.Contains("\"code\":\"" + scenario.TwinSpace.Code + "\"", snapshot, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, line => line.Contains("/hubs/twinspace", StringComparison.Ordinal));
        string[] secrets = [pupilTokens.AccessToken, pupilTokens.RefreshToken, teacher.AccessToken, teacher.RefreshToken, pupil.Password, "secret-guess-77"];
        foreach (var secret in secrets)
            Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains("access_token", StringComparison.Ordinal));
    }

    /// <summary>
    /// What a browser does: WebSockets cannot carry headers there, so the token travels in the URL's query
    /// string (<c>access_token</c>), the classic way for it to end up in request logs.
    /// </summary>
    private static async Task<string> JoinLikeABrowserAsync(CollabServer server, string accessToken, string twinSpaceId)
    {
        var token = Uri.EscapeDataString(accessToken);
        using var negotiation = await server.Http.PostAsync($"{HubNames.TwinSpaceHubPath}/negotiate?negotiateVersion=1&access_token={token}", null);
        negotiation.EnsureSuccessStatusCode();
        var connectionToken = (await negotiation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        var url = new UriBuilder(server.BaseUrl) { Scheme = "ws", Path = HubNames.TwinSpaceHubPath, Query = $"id={connectionToken}&access_token={token}" };
        await socket.ConnectAsync(url.Uri, CancellationToken.None).WithTimeout();
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}");
        Assert.Equal("{}", await ReceiveAsync(socket));
        await SendAsync(socket, $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinTwinSpace\",\"arguments\":[\"{twinSpaceId}\"]}}");
        string message;
        do message = await ReceiveAsync(socket);
        while (!message.Contains("\"invocationId\":\"1\"", StringComparison.Ordinal));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WithTimeout();
        return message;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None).WithTimeout();
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);
        return text.ToString().TrimEnd(RecordSeparator);
    }
}
