using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Forums;

public sealed class ForumRateLimitsTests
{
    [Fact]
    public void Likes_beyond_the_per_minute_allowance_are_refused_for_that_account_only()
    {
        using var limits = new ForumRateLimits(Options.Create(new ForumOptions { LikesPerMinute = 3 }), new NodeLocalRateLimits());
        for (var i = 0; i < 3; i++) limits.TakeLike("pupil");

        Assert.Equal(ErrorCodes.RateLimited, Assert.Throws<CollabException>(() => limits.TakeLike("pupil")).Code);
        limits.TakeLike("teacher");
        limits.TakePost("pupil");
    }
}
