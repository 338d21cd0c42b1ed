using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Per-account limits on top of the hub's general one: likes (a pupil clicking "like" a hundred times) and posts
/// (a flood of replies). Counted per node; with several nodes a member could get up to one share per node.
/// </summary>
public sealed class ForumRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _likes;
    private readonly PartitionedRateLimiter<string> _posts;

    public ForumRateLimits(IOptions<ForumOptions> options)
    {
        _likes = PerMinute(options.Value.LikesPerMinute);
        _posts = PerMinute(options.Value.PostsPerMinute);
    }

    public void TakeLike(string accountId) => Take(_likes, accountId, "Too many likes in a short time; wait a minute.", "RateLimit_Likes");

    public void TakePost(string accountId) => Take(_posts, accountId, "Too many posts in a short time; wait a minute.", "RateLimit_Posts");

    public void Dispose()
    {
        _likes.Dispose();
        _posts.Dispose();
    }

    private static void Take(PartitionedRateLimiter<string> limiter, string accountId, string message, string messageKey)
    {
        using var lease = limiter.AttemptAcquire(accountId);
        if (!lease.IsAcquired) throw CollabException.RateLimited(message).WithKey(messageKey);
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(accountId => RateLimitPartition.GetTokenBucketLimiter(accountId, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = permits,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
