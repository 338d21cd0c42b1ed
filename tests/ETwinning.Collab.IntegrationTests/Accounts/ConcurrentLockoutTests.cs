using System.Net;
using System.Net.Http.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Accounts;

/// <summary>
/// Wrong passwords sent at once must count one by one: when the failure counter was read and written back, parallel
/// failures overwrote each other, so a burst never reached the lockout and the right password logged in after it.
/// </summary>
public sealed class ConcurrentLockoutTests
{
    private const int ParallelGuesses = 50;
    private const int MaxFailedLogins = 5;

    // The per-address login limiter answers 429 as well; it is raised far above the burst so that every refusal
    // here comes from the account's lockout.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["RateLimits:LoginPermitsPerMinute"] = "10000",
        ["Accounts:MaxFailedLogins"] = $"{MaxFailedLogins}",
        ["Accounts:LockoutMinutes"] = "5",
    };

    [Fact]
    public async Task A_burst_of_wrong_pupil_passwords_locks_the_pupil()
    {
        await using var server = await CollabServer.StartAsync(Settings);
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Fox")).Single();

        await AssertBurstLocksAsync(server, "/api/auth/pupil-login", new PupilLoginRequest(scenario.TwinSpace.Code, pupil.Username, "wrong-password-1"));

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => server.PupilLoginAsync(scenario.TwinSpace, pupil));
        Assert.Equal("rate_limited", refused.Code);
        var stored = await server.Services.GetRequiredService<IAccountStore>().FindPupilAsync(pupil.AccountId);
        Assert.True(stored!.LockedUntil > DateTime.UtcNow, "the pupil is locked");
    }

    [Fact]
    public async Task A_burst_of_wrong_teacher_passwords_locks_the_teacher()
    {
        await using var server = await CollabServer.StartAsync(Settings);
        var email = await server.RegisterTeacherAsync();

        await AssertBurstLocksAsync(server, "/api/auth/login", new LoginRequest(email, "wrong-password-1"));

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => server.Api.LoginAsync(new LoginRequest(email, CollabServer.TeacherPassword)));
        Assert.Equal("rate_limited", refused.Code);
        var stored = await server.Services.GetRequiredService<IAccountStore>().FindTeacherByEmailAsync(email);
        Assert.True(stored!.LockedUntil > DateTime.UtcNow, "the teacher is locked");
    }

    /// <summary>Sends the wrong password <see cref="ParallelGuesses"/> times at once; each is refused, none by the limiter.</summary>
    private static async Task AssertBurstLocksAsync<TRequest>(CollabServer server, string route, TRequest request)
    {
        using var start = new SemaphoreSlim(0);
        var guesses = Enumerable.Range(0, ParallelGuesses).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await server.Http.PostAsJsonAsync(route, request, CollabApiClient.Json);
            return response.StatusCode;
        }).ToList();
        start.Release(ParallelGuesses);
        var codes = await Task.WhenAll(guesses).WithTimeout(TimeSpan.FromSeconds(60));
        // 401 until the lock, 429 (locked) after it: both refuse, and at least the failures up to the lock were 401.
        Assert.All(codes, code => Assert.Contains(code, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.True(codes.Count(code => code == HttpStatusCode.Unauthorized) >= MaxFailedLogins);
    }
}
