using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Questions per account per minute, on top of the hub's general limit, so one attendee cannot flood the Q&amp;A. This
/// node's limiter answers first; a question it lets through is then counted over the cluster (exact, one Redis round
/// trip: questions are rare), so tabs on several nodes share one allowance.
/// </summary>
public sealed class LiveQuestionRateLimits(IOptions<LiveEventOptions> options, IClusterRateLimits cluster) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _questions = PartitionedRateLimiter.Create<string, string>(accountId =>
        RateLimitPartition.GetTokenBucketLimiter(accountId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.QuestionsPerMinute,
            TokensPerPeriod = options.Value.QuestionsPerMinute,
            ReplenishmentPeriod = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async ValueTask TakeQuestionAsync(string accountId, CancellationToken cancellationToken = default)
    {
        using (var lease = _questions.AttemptAcquire(accountId))
            if (!lease.IsAcquired) throw Flood();
        if (!await cluster.TryCountAsync("live-questions:" + accountId, options.Value.QuestionsPerMinute, Window, cancellationToken).ConfigureAwait(false))
            throw Flood();
    }

    private static CollabException Flood() =>
        CollabException.RateLimited("Too many questions in a short time; wait a minute.").WithKey("LiveEvent_QuestionFlood");

    public void Dispose() => _questions.Dispose();
}
