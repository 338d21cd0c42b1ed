using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Realtime.Filters;

/// <summary>
/// A token bucket per account for every hub invocation (pupils get half), so one client cannot flood the
/// server or the other members. Feature-specific limits (messages per minute) come on top of this one.
/// Methods marked <see cref="UpdateBytesBudgetAttribute"/> (live-document updates) have their own bucket in
/// bytes, and wait for it (backpressure, bounded by the burst) instead of being refused: a refused Yjs update
/// leaves the document split until the client resends it, so the budget slows a fast typist down instead.
/// The invocation bucket is also counted over the cluster (<see cref="IClusterRateLimits.Allows"/>, answered from memory,
/// synced in the background), so connections to several nodes do not multiply it. The byte budget stays per node: it
/// is backpressure for one connection's editor, not flood control.
/// </summary>
internal sealed class RateLimitHubFilter : IHubFilter, IDisposable
{
    /// <summary>Replenish the byte budget in small steps, so a waiting update waits about as long as it must.</summary>
    private static readonly TimeSpan UpdateReplenishmentPeriod = TimeSpan.FromMilliseconds(100);
    private const int UpdatePeriodsPerSecond = 10;

    private readonly PartitionedRateLimiter<CallerIdentity> _limiter;
    private readonly PartitionedRateLimiter<CallerIdentity> _updateBytes;
    private readonly ConcurrentDictionary<MethodInfo, bool> _byteBudgeted = new();
    private readonly int _minimumCost;
    private readonly int _burstBytes;
    private readonly IClusterRateLimits _cluster;
    private readonly ClusterBudget _teacherBudget;
    private readonly ClusterBudget _pupilBudget;

    public RateLimitHubFilter(IOptions<RateLimitOptions> options, IClusterRateLimits cluster)
    {
        var limits = options.Value;
        _cluster = cluster;
        _teacherBudget = ClusterBudget.Of("hub", limits.HubInvocationBurst, limits.HubInvocationsPerSecond, TimeSpan.FromSeconds(1));
        _pupilBudget = ClusterBudget.Of("hub", Math.Max(1, limits.HubInvocationBurst / 2), Math.Max(1, limits.HubInvocationsPerSecond / 2), TimeSpan.FromSeconds(1));
        _minimumCost = limits.UpdateMinimumCostBytes;
        _burstBytes = limits.UpdateBurstBytes;
        _updateBytes = PartitionedRateLimiter.Create<CallerIdentity, string>(caller =>
        {
            var share = caller.IsPupil ? 2 : 1;
            var burst = Math.Max(1, limits.UpdateBurstBytes / share);
            return RateLimitPartition.GetTokenBucketLimiter(caller.AccountId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = Math.Max(1, limits.UpdateBytesPerSecond / share / UpdatePeriodsPerSecond),
                ReplenishmentPeriod = UpdateReplenishmentPeriod,
                // Updates wait in order for the budget, up to one burst's worth; beyond that they are refused.
                QueueLimit = burst,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });
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
        var caller = CallerIdentity.From(invocationContext.Context.User);
        if (_byteBudgeted.GetOrAdd(invocationContext.HubMethod, static m => m.IsDefined(typeof(UpdateBytesBudgetAttribute))))
            return InvokeWithinByteBudgetAsync(invocationContext, caller, next);
        using (var lease = _limiter.AttemptAcquire(caller))
        {
            if (!lease.IsAcquired || !_cluster.Allows(caller.IsPupil ? _pupilBudget : _teacherBudget, caller.AccountId))
                throw CollabException.RateLimited("Too many requests; slow down a little.").WithKey("RateLimit_Requests");
        }
        return next(invocationContext);
    }

    private async ValueTask<object?> InvokeWithinByteBudgetAsync(
        HubInvocationContext invocationContext, CallerIdentity caller, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var bytes = invocationContext.HubMethodArguments.OfType<byte[]>().FirstOrDefault()?.Length ?? 0;
        // A count above the bucket size would be refused outright; a larger update (only possible with limits
        // configured below Pages:MaxUpdateBytes) costs one full bucket.
        var cost = Math.Min(Math.Max(bytes, _minimumCost), Math.Max(1, _burstBytes / (caller.IsPupil ? 2 : 1)));
        using var lease = await _updateBytes.AcquireAsync(caller, cost, invocationContext.Context.ConnectionAborted);
        if (!lease.IsAcquired) throw CollabException.RateLimited("Too many page updates at once; the client resends them merged.").WithKey("RateLimit_PageUpdates");
        return await next(invocationContext);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _updateBytes.Dispose();
    }
}
