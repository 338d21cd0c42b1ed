using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Http;

namespace ETwinning.Collab.IntegrationTests.Accounts;

/// <summary>All requests here come from one address (127.0.0.1): a school behind one router, or one attacker.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Brute_force_from_one_address_is_cut_off_across_accounts_and_routes()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?> { ["RateLimits:LoginPermitsPerAddressPerMinute"] = "6" });
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

    [Fact]
    public async Task A_class_of_25_behind_one_school_address_all_log_in_within_the_minute()
    {
        await using var server = await CollabServer.StartAsync(ShippedLimits());
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var nicknames = Enumerable.Range(1, 25).Select(i => $"Pupil {i}").ToArray();
        var pupils = await scenario.FounderHub.CreatePupilsAsync(scenario.Id, nicknames);

        // The whole class at once, as when the teacher says "log in now".
        var logins = await Task.WhenAll(pupils.Select(pupil => server.PupilLoginAsync(scenario.TwinSpace, pupil)));

        Assert.Equal(25, logins.Select(tokens => tokens.AccessToken).Distinct().Count());
    }

    [Fact]
    public async Task Guessing_one_pupils_password_is_refused_after_a_few_attempts_even_with_address_permits_left()
    {
        // The lockout is raised out of the way: this is about the rate of guesses one account gets.
        var settings = ShippedLimits();
        settings["Accounts:MaxFailedLogins"] = "100";
        await using var server = await CollabServer.StartAsync(settings);
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Target")).Single();
        var perAccount = new RateLimitOptions().LoginPermitsPerAccountPerMinute;

        var codes = new List<string>();
        for (var i = 0; i < perAccount + 3; i++)
        {
            // Spelled differently each time (case, spaces, dashes): still the same account.
            var code = i % 2 == 0 ? scenario.TwinSpace.Code.ToLowerInvariant() : scenario.TwinSpace.Code.Insert(4, "-");
            var guess = new PupilLoginRequest(code, i % 3 == 0 ? pupil.Username.ToUpperInvariant() : $" {pupil.Username} ", $"guess-{i}");
            codes.Add((await Assert.ThrowsAsync<CollabHubException>(() => server.Api.PupilLoginAsync(guess))).Code);
        }

        Assert.Equal([.. Enumerable.Repeat("unauthorized", perAccount), .. Enumerable.Repeat("rate_limited", 3)], codes);
        // The rest of the class is not locked out by it.
        var classmate = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Classmate")).Single();
        await server.PupilLoginAsync(scenario.TwinSpace, classmate);
    }

    [Fact]
    public async Task Guessing_one_teachers_password_is_refused_after_a_few_attempts()
    {
        var settings = ShippedLimits();
        settings["Accounts:MaxFailedLogins"] = "100";
        await using var server = await CollabServer.StartAsync(settings);
        var email = await server.RegisterTeacherAsync();
        var perAccount = new RateLimitOptions().LoginPermitsPerAccountPerMinute;

        var codes = new List<string>();
        for (var i = 0; i < perAccount + 2; i++)
            codes.Add((await Assert.ThrowsAsync<CollabHubException>(() =>
                server.Api.LoginAsync(new LoginRequest(i % 2 == 0 ? email : email.ToUpperInvariant(), $"guess-{i}")))).Code);

        Assert.Equal([.. Enumerable.Repeat("unauthorized", perAccount), .. Enumerable.Repeat("rate_limited", 2)], codes);
    }

    [Fact]
    public async Task Spraying_one_password_over_a_twinspaces_usernames_is_refused_at_the_twinspace_limit()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:PupilLoginPermitsPerTwinSpacePerMinute"] = "12",
            ["RateLimits:LoginPermitsPerAccountPerMinute"] = "5",
        });
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        await using var other = await TwinSpaceScenario.CreateAsync(server);

        var codes = new List<string>();
        for (var i = 0; i < 14; i++)
            codes.Add((await Assert.ThrowsAsync<CollabHubException>(() =>
                server.Api.PupilLoginAsync(new PupilLoginRequest(scenario.TwinSpace.Code, $"fox{i}", "maple-otter-42")))).Code);

        Assert.Equal([.. Enumerable.Repeat("unauthorized", 12), "rate_limited", "rate_limited"], codes);
        // Another TwinSpace's class is not affected.
        var pupil = (await other.FounderHub.CreatePupilsAsync(other.Id, "Elsewhere")).Single();
        await server.PupilLoginAsync(other.TwinSpace, pupil);
    }

    /// <summary>The login limits as shipped (the test server raises them for every other test).</summary>
    private static Dictionary<string, string?> ShippedLimits()
    {
        var shipped = new RateLimitOptions();
        return new Dictionary<string, string?>
        {
            ["RateLimits:LoginPermitsPerAddressPerMinute"] = shipped.LoginPermitsPerAddressPerMinute.ToString(),
            ["RateLimits:LoginPermitsPerAccountPerMinute"] = shipped.LoginPermitsPerAccountPerMinute.ToString(),
            ["RateLimits:PupilLoginPermitsPerTwinSpacePerMinute"] = shipped.PupilLoginPermitsPerTwinSpacePerMinute.ToString(),
        };
    }
}
