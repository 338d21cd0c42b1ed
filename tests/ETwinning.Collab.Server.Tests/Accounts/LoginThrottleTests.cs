using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Accounts;

public sealed class LoginThrottleTests : IDisposable
{
    private static readonly RateLimitOptions Limits = new()
    {
        LoginPermitsPerAccountPerMinute = 3,
        PupilLoginPermitsPerTwinSpacePerMinute = 5,
    };

    private readonly LoginThrottle _throttle = new(Options.Create(Limits), new NodeLocalRateLimits());

    [Fact]
    public async Task One_pupil_account_gets_its_attempts_however_the_code_and_name_are_spelled()
    {
        await _throttle.DemandPupilAsync("ABCD-EFGH", "fox12");
        await _throttle.DemandPupilAsync("abcd efgh", " FOX12 ");
        await _throttle.DemandPupilAsync("abcdefgh", "Fox12");
        await AssertRateLimited(() => _throttle.DemandPupilAsync("ABCDEFGH", "fox12"));
        await _throttle.DemandPupilAsync("ABCDEFGH", "owl7");
    }

    [Fact]
    public async Task A_twinspace_code_gets_its_attempts_over_all_usernames()
    {
        for (var i = 0; i < 5; i++) await _throttle.DemandPupilAsync("ABCDEFGH", $"pupil{i}");
        await AssertRateLimited(() => _throttle.DemandPupilAsync("ABCDEFGH", "pupil99"));
        await _throttle.DemandPupilAsync("HJKMNPQR", "pupil99");
    }

    [Fact]
    public async Task A_teacher_account_gets_its_attempts_and_is_not_confused_with_a_pupil()
    {
        for (var i = 0; i < 3; i++) await _throttle.DemandTeacherAsync(i % 2 == 0 ? "ana@school.test" : " ANA@School.test");
        await AssertRateLimited(() => _throttle.DemandTeacherAsync("ana@school.test"));
        await _throttle.DemandPupilAsync("ANA@SCHOOL.TEST", "");
        await _throttle.DemandTeacherAsync("ben@school.test");
    }

    [Fact]
    public async Task Attempts_other_nodes_counted_use_up_the_account_while_this_node_has_permits_left()
    {
        var cluster = new SharedWindows();
        using var nodeA = new LoginThrottle(Options.Create(Limits), cluster);
        using var nodeB = new LoginThrottle(Options.Create(Limits), cluster);

        await nodeA.DemandTeacherAsync("ana@school.test");
        await nodeB.DemandTeacherAsync("ana@school.test");
        await nodeA.DemandTeacherAsync("ana@school.test");

        await AssertRateLimited(() => nodeB.DemandTeacherAsync("ana@school.test"));
    }

    public void Dispose() => _throttle.Dispose();

    private static async Task AssertRateLimited(Func<Task> demand) =>
        Assert.Equal(ErrorCodes.RateLimited, (await Assert.ThrowsAsync<CollabException>(demand)).Code);

    /// <summary>What Redis is to the nodes: one count per key, whichever node asks (windows never end in this test).</summary>
    private sealed class SharedWindows : IClusterRateLimits
    {
        private readonly Dictionary<string, int> _counts = [];

        public bool Allows(ClusterBudget budget, string key) => true;

        public ValueTask<bool> TryCountAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            return ValueTask.FromResult(_counts[key] <= permits);
        }
    }
}
