using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Uploads per account per minute, so one login cannot flood a TwinSpace or the image workers. Checked in the
/// upload routes' filter, after authentication (the app-wide rate limiter runs before it and sees no user).
/// </summary>
public sealed class UploadRateLimiter(IOptions<MaterialsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(accountId =>
        RateLimitPartition.GetFixedWindowLimiter(accountId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.UploadsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Demand(string accountId)
    {
        using var lease = _limiter.AttemptAcquire(accountId);
        if (!lease.IsAcquired) throw CollabException.RateLimited("Too many uploads in a minute. Wait a little and try again.").WithKey("RateLimit_Uploads");
    }

    public void Dispose() => _limiter.Dispose();
}
