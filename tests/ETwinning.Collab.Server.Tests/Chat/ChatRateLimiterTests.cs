using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Chat;

public sealed class ChatRateLimiterTests
{
    [Fact]
    public void Pupils_get_the_stricter_bucket_and_each_account_its_own()
    {
        using var limiter = new ChatRateLimiter(Options.Create(new ChatOptions
        {
            MessageBurst = 5, MessagesPerMinute = 1, PupilMessageBurst = 2, PupilMessagesPerMinute = 1,
        }), new NodeLocalRateLimits());

        limiter.Demand("pupil", isPupil: true);
        limiter.Demand("pupil", isPupil: true);
        Assert.Equal(ErrorCodes.RateLimited, Assert.Throws<CollabException>(() => limiter.Demand("pupil", isPupil: true)).Code);
        limiter.Demand("other-pupil", isPupil: true);
        for (var i = 0; i < 5; i++) limiter.Demand("teacher", isPupil: false);
        Assert.Throws<CollabException>(() => limiter.Demand("teacher", isPupil: false));
    }
}
