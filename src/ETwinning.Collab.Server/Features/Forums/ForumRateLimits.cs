using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Per-account limits on top of the hub's general one: likes (a pupil clicking "like" a hundred times) and posts
/// (a flood of replies). This node's bucket answers first; the same buckets are counted over the cluster
/// (<see cref="IClusterRateLimits"/>), so connections to several nodes share one allowance.
/// </summary>
public sealed class ForumRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _likes;
    private readonly PartitionedRateLimiter<string> _posts;
    private readonly IClusterRateLimits _cluster;
    private readonly ClusterBudget _likeBudget;
    private readonly ClusterBudget _postBudget;

    public ForumRateLimits(IOptions<ForumOptions> options, IClusterRateLimits cluster)
    {
        var forums = options.Value;
        _cluster = cluster;
        _likes = PerMinute(forums.LikesPerMinute);
        _posts = PerMinute(forums.PostsPerMinute);
        _likeBudget = ClusterBudget.Of("forum-likes", forums.LikesPerMinute, forums.LikesPerMinute, TimeSpan.FromMinutes(1));
        _postBudget = ClusterBudget.Of("forum-posts", forums.PostsPerMinute, forums.PostsPerMinute, TimeSpan.FromMinutes(1));
    }

    public void TakeLike(string accountId) => Take(_likes, _likeBudget, accountId, "Too many likes in a short time; wait a minute.", "RateLimit_Likes");

    public void TakePost(string accountId) => Take(_posts, _postBudget, accountId, "Too many posts in a short time; wait a minute.", "RateLimit_Posts");

    public void Dispose()
    {
        _likes.Dispose();
        _posts.Dispose();
    }

    private void Take(PartitionedRateLimiter<string> limiter, ClusterBudget budget, string accountId, string message, string messageKey)
    {
        using var lease = limiter.AttemptAcquire(accountId);
        if (!lease.IsAcquired || !_cluster.Allows(budget, accountId)) throw CollabException.RateLimited(message).WithKey(messageKey);
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
