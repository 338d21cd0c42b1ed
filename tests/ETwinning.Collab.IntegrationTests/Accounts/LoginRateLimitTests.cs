using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Accounts;

public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Brute_force_from_one_address_is_cut_off_across_accounts_and_routes()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?> { ["RateLimits:LoginPermitsPerMinute"] = "6" });
        var codes = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var attempt = i % 2 == 0
                ? server.Api.LoginAsync(new LoginRequest($"guess{i}@school.test", "password-guess"))
                : server.Api.PupilLoginAsync(new PupilLoginRequest("ABCDEFGH", $"pupil{i}", "maple-otter-42"));
            codes.Add((await Assert.ThrowsAsync<CollabHubException>(() => attempt)).Code);
        }
        Assert.Equal(["unauthorized", "unauthorized", "unauthorized", "unauthorized", "unauthorized", "unauthorized", "rate_limited", "rate_limited"], codes);
    }
}
