using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Periodically unloads idle pages and saves automatic versions of pages that went quiet.</summary>
internal sealed class PageHousekeeping(LivePageService pages, IOptions<PagesOptions> options, TimeProvider clock, ILogger<PageHousekeeping> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HousekeepingPeriodSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try { await pages.HousekeepAsync(stoppingToken).ConfigureAwait(false); }
            catch (Exception error) { logger.LogError(error, "Page housekeeping failed"); }
        }
    }
}
