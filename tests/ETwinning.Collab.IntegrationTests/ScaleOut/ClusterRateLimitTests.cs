using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.ScaleOut;

/// <summary>Limits hold for the cluster, not per node: a client spreading its requests over two nodes gains nothing.</summary>
public sealed class ClusterRateLimitTests
{
    [Fact]
    public async Task Password_guesses_spread_over_two_nodes_share_one_allowance()
    {
        const int PerAccount = 4;
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:LoginPermitsPerAccountPerMinute"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Accounts:MaxFailedLogins"] = "100",
        };
        await using var redis = await RedisServer.StartAsync();
        await using var nodeA = await CollabServer.StartAsync(settings, redis: redis.ConnectionString);
        await using var nodeB = await CollabServer.StartAsync(settings, shareStoreWith: nodeA, redis: redis.ConnectionString);
        var email = await nodeA.RegisterTeacherAsync();

        var codes = new List<string>();
        for (var i = 0; i < PerAccount + 2; i++)
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            codes.Add((await Assert.ThrowsAsync<CollabHubException>(() => node.Api.LoginAsync(new LoginRequest(email, $"guess-{i}")))).Code);
        }

        Assert.Equal([.. Enumerable.Repeat("unauthorized", PerAccount), "rate_limited", "rate_limited"], codes);
    }

    [Fact]
    public async Task Hub_calls_spread_over_two_nodes_share_one_bucket()
    {
        // Large enough that node B has dozens of polls (about 50 ms each) to hear about the spent shared bucket,
        // however slow the machine: the sync itself runs every 50 ms.
        const int Burst = 40;
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:HubInvocationBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:HubInvocationsPerSecond"] = "1",
            ["Cluster:RateLimitSyncMilliseconds"] = "50",
        };
        await using var redis = await RedisServer.StartAsync();
        await using var nodeA = await CollabServer.StartAsync(settings, redis: redis.ConnectionString);
        await using var nodeB = await CollabServer.StartAsync(settings, shareStoreWith: nodeA, redis: redis.ConnectionString);
        var teacher = await nodeA.NewTeacherAsync();
        await using var onA = await nodeA.ConnectAsync(teacher);
        await using var onB = await nodeB.ConnectAsync(teacher);

        // Node A: the whole burst, until its own bucket refuses.
        var grantedOnA = 0;
        while (await CodeOf(onA.ListMyTwinSpacesAsync()) is null) grantedOnA++;
        // One token a second flows back while the loop runs, so a slow machine may see a few more.
        Assert.InRange(grantedOnA, Burst, Burst + 5);

        // Node B's own bucket is full, but the account's shared bucket is spent: B refuses within a sync period or two.
        var grantedOnB = 0;
        await Eventually.AssertAsync(() =>
        {
            var code = CodeOf(onB.ListMyTwinSpacesAsync()).GetAwaiter().GetResult();
            if (code is null) grantedOnB++;
            Assert.Equal("rate_limited", code);
        });
        Assert.InRange(grantedOnB, 0, Burst - 1);
    }

    private static async Task<string?> CodeOf(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (CollabHubException refused) { return refused.Code; }
    }
}
