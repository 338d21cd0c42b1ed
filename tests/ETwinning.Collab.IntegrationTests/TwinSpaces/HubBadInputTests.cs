using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.IntegrationTests.TwinSpaces;

public sealed class HubBadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Out_of_range_input_is_invalid_or_too_large_and_changes_nothing()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var cases = new (string Code, Func<Task> Call)[]
        {
            ("invalid", () => scenario.FounderHub.CreateTwinSpaceAsync(new string('t', 121))),
            ("invalid", () => scenario.FounderHub.CreateTwinSpaceAsync("   ")),
            ("invalid", () => scenario.FounderHub.CreateTwinSpaceAsync("Title\u0000with control")),
            ("invalid", () => scenario.FounderHub.CreatePupilsAsync(scenario.Id)),
            ("invalid", () => scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Fine", new string('n', 33))),
            ("too_large", () => scenario.FounderHub.CreatePupilsAsync(scenario.Id, Enumerable.Range(0, 51).Select(i => $"P{i}").ToArray())),
            ("invalid", () => scenario.FounderHub.CreateInvitationAsync(scenario.Id, TwinSpaceRole.Pupil)),
            ("invalid", () => scenario.FounderHub.JoinTwinSpaceAsync("../../etc")),
            ("not_found", () => scenario.FounderHub.JoinTwinSpaceAsync("ffffffffffffffffffffffffffffffff")),
            ("not_found", () => scenario.FounderHub.ResetPupilPasswordAsync(scenario.Id, "ffffffffffffffffffffffffffffffff")),
            ("invalid", () => scenario.FounderHub.InvokeAsync<TwinSpaceView>("CreateTwinSpace", (object?)null)),
            ("invalid", () => scenario.FounderHub.InvokeAsync<TwinSpaceView>("CreateTwinSpace", 42)),
        };
        foreach (var (code, call) in cases)
        {
            var error = await Assert.ThrowsAsync<CollabHubException>(call);
            Assert.True(code == error.Code, $"expected {code}, got {error.Code}: {error.Message}");
        }

        var snapshot = await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        Assert.Single(snapshot.Members);
        Assert.Single(await scenario.FounderHub.ListMyTwinSpacesAsync());
    }

    [Fact]
    public async Task An_oversized_message_closes_only_that_connection()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var other = await scenario.ConnectAsync(await Server.NewTeacherAsync());
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        scenario.FounderHub.Hub.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        scenario.FounderHub.Hub.Reconnecting += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        var huge = new string('x', 128 * 1024);
        await Assert.ThrowsAnyAsync<Exception>(() => scenario.FounderHub.CreateTwinSpaceAsync(huge).WithTimeout());
        await closed.Task.WithTimeout();

        Assert.Empty(await other.ListMyTwinSpacesAsync());
        Assert.Equal(HubConnectionState.Connected, other.Hub.State);
    }

    [Fact]
    public async Task A_flood_of_invocations_is_rate_limited_per_account()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:HubInvocationsPerSecond"] = "2",
            ["RateLimits:HubInvocationBurst"] = "5",
        });
        var tokens = await server.NewTeacherAsync();
        await using var hub = await server.ConnectAsync(tokens);
        var codes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            try { await hub.ListMyTwinSpacesAsync(); codes.Add("ok"); }
            catch (CollabHubException error) { codes.Add(error.Code); }
        }
        Assert.Contains("rate_limited", codes);
        Assert.True(codes.Count(c => c == "ok") is >= 5 and < 12);
        Assert.Equal(HubConnectionState.Connected, hub.Hub.State);
        // A different account has its own bucket.
        await using var other = await server.ConnectAsync(await server.NewTeacherAsync());
        Assert.Empty(await other.ListMyTwinSpacesAsync());
    }
}
