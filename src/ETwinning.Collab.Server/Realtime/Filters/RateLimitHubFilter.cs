using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Realtime.Filters;

/// <summary>
/// A token bucket per account for every hub invocation (pupils get half), so one client cannot flood the
/// server or the other members. Feature-specific limits (messages per minute) come on top of this one.
/// </summary>
internal sealed class RateLimitHubFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<CallerIdentity> _limiter;

    public RateLimitHubFilter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<CallerIdentity, string>(caller =>
        {
            var share = caller.IsPupil ? 2 : 1;
            return RateLimitPartition.GetTokenBucketLimiter(caller.AccountId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limits.HubInvocationBurst / share),
                TokensPerPeriod = Math.Max(1, limits.HubInvocationsPerSecond / share),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    public ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var lease = _limiter.AttemptAcquire(CallerIdentity.From(invocationContext.Context.User));
        if (!lease.IsAcquired) throw CollabException.RateLimited("Too many requests; slow down a little.").WithKey("RateLimit_Requests");
        return next(invocationContext);
    }

    public void Dispose() => _limiter.Dispose();
}
