using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Questions per account per minute, on top of the hub's general limit, so one attendee cannot flood the Q&amp;A.
/// Counted per node; with several nodes an account could get up to one share per node.
/// </summary>
public sealed class LiveQuestionRateLimits(IOptions<LiveEventOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _questions = PartitionedRateLimiter.Create<string, string>(accountId =>
        RateLimitPartition.GetTokenBucketLimiter(accountId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.QuestionsPerMinute,
            TokensPerPeriod = options.Value.QuestionsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void TakeQuestion(string accountId)
    {
        using var lease = _questions.AttemptAcquire(accountId);
        if (!lease.IsAcquired) throw CollabException.RateLimited("Too many questions in a short time; wait a minute.").WithKey("LiveEvent_QuestionFlood");
    }

    public void Dispose() => _questions.Dispose();
}
