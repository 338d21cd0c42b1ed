using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.IntegrationTests.Accounts;

public sealed class LogSecrecyTests
{
    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Tokens_and_passwords_never_reach_the_log_even_at_trace_level(HttpTransportType transport)
    {
        await using var server = await CollabServer.StartAsync();
        var teacher = await server.NewTeacherAsync();
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Quiet")).Single();
        await Assert.ThrowsAsync<CollabHubException>(() => server.PupilLoginAsync(scenario.TwinSpace, pupil with { Password = "secret-guess-77" }));
        var pupilTokens = await server.PupilLoginAsync(scenario.TwinSpace, pupil);

        // Browsers send the access token in the query string for these transports: the classic leak.
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseUrl, HubNames.TwinSpaceHubPath), transport, options =>
                options.AccessTokenProvider = () => Task.FromResult<string?>(pupilTokens.AccessToken))
            .Build();
        await connection.StartAsync().WithTimeout();
        await connection.InvokeAsync<object>("JoinTwinSpace", scenario.Id).WithTimeout();
        await connection.DisposeAsync();
        await server.Api.RefreshAsync(teacher.RefreshToken);

        Assert.NotEmpty(server.Logs.Lines);
        Assert.Contains(server.Logs.Lines, line => line.Contains("/hubs/twinspace", StringComparison.Ordinal));
        string[] secrets = [pupilTokens.AccessToken, pupilTokens.RefreshToken, teacher.AccessToken, teacher.RefreshToken, pupil.Password, "secret-guess-77"];
        foreach (var secret in secrets)
            Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains("access_token=", StringComparison.Ordinal));
    }
}
