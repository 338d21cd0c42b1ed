using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A token bucket per account for sending messages, stricter for pupils; on top of the hub's general
/// per-invocation limit. This node's bucket answers first; the same bucket is also counted over the cluster
/// (<see cref="IClusterRateLimits"/>), so tabs connected to different nodes share one allowance.
/// </summary>
public sealed class ChatRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string AccountId, bool IsPupil)> _limiter;
    private readonly IClusterRateLimits _cluster;
    private readonly ClusterBudget _teacherBudget;
    private readonly ClusterBudget _pupilBudget;

    public ChatRateLimiter(IOptions<ChatOptions> options, IClusterRateLimits cluster)
    {
        var chat = options.Value;
        _cluster = cluster;
        _teacherBudget = ClusterBudget.Of("chat", chat.MessageBurst, chat.MessagesPerMinute, TimeSpan.FromMinutes(1));
        _pupilBudget = ClusterBudget.Of("chat", chat.PupilMessageBurst, chat.PupilMessagesPerMinute, TimeSpan.FromMinutes(1));
        _limiter = PartitionedRateLimiter.Create<(string AccountId, bool IsPupil), string>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller.AccountId, _ => Bucket(
                caller.IsPupil ? chat.PupilMessageBurst : chat.MessageBurst,
                caller.IsPupil ? chat.PupilMessagesPerMinute : chat.MessagesPerMinute)));
    }

    public void Demand(string accountId, bool isPupil)
    {
        using var lease = _limiter.AttemptAcquire((accountId, isPupil));
        if (!lease.IsAcquired || !_cluster.Allows(isPupil ? _pupilBudget : _teacherBudget, accountId)) throw CollabException.RateLimited("You are sending messages too fast; wait a moment.").WithKey("RateLimit_Chat");
    }

    public void Dispose() => _limiter.Dispose();

    // Below one per second the bucket refills one token at a time; above, once a second, so no timer runs faster than 1 Hz.
    private static TokenBucketRateLimiterOptions Bucket(int burst, int perMinute) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perMinute >= 60 ? perMinute / 60 : 1,
        ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / perMinute,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
