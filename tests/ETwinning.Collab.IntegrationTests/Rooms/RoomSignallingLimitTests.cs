using System.Security.Cryptography;
using System.Text;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>A server with a low signalling limit and TURN configured: candidate floods and TURN credentials.</summary>
public sealed class RoomSignallingLimitTests : IAsyncLifetime
{
    private const string TurnSecret = "shared-secret-of-the-test-turn-server";
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync(new Dictionary<string, string?>
    {
        ["Rooms:MaxSignalsPerSecond"] = "5",
        ["Rooms:Ice:StunUrls:0"] = "stun:turn.school.test:3478",
        ["Rooms:Ice:TurnUrls:0"] = "turn:turn.school.test:3478?transport=udp",
        ["Rooms:Ice:TurnSharedSecret"] = TurnSecret,
        ["Rooms:Ice:TurnCredentialLifetimeSeconds"] = "600",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_candidate_flood_is_cut_off_with_rate_limited()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(_server, _server);
        await scenario.StartWithPupilInsideAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                await scenario.PupilHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Candidate, $"{{\"candidate\":\"{i}\"}}");
                return "ok";
            }
            catch (CollabHubException refused) { return refused.Code; }
        }));

        Assert.Contains("rate_limited", results);
        Assert.All(results, code => Assert.Contains(code, new[] { "ok", "rate_limited" }));
        var delivered = results.Count(code => code == "ok");
        await Eventually.AssertAsync(() => Assert.Equal(delivered, scenario.TeacherEvents.Signals.Seen.Count));
    }

    [Fact]
    public async Task TURN_credentials_follow_the_coturn_rest_scheme()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(_server, _server);

        var ice = await scenario.PupilHub.GetIceServersAsync(scenario.Id);

        Assert.Equal(["stun:turn.school.test:3478"], ice.IceServers[0].Urls);
        Assert.Null(ice.IceServers[0].Username);
        var turn = ice.IceServers[1];
        var parts = turn.Username!.Split(':');
        Assert.Equal(scenario.Pupil.AccountId, parts[1]);
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(ice.ExpiresAt, DateTimeKind.Utc)).ToUnixTimeSeconds(), long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
        // SHA-1 because coturn's REST scheme prescribes it; the test recomputes what coturn would.
#pragma warning disable CA5350
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TurnSecret), Encoding.UTF8.GetBytes(turn.Username)));
#pragma warning restore CA5350
        Assert.Equal(expected, turn.Credential);
    }
}
