using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>Closes idle database files in the background so thousands of quiet projects hold no handles.</summary>
internal sealed class IdleFileCloser(DatabaseFiles files, IOptions<StorageOptions> options, ILogger<IdleFileCloser> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Clamp(options.Value.IdleCloseSeconds / 2, 1, 60));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var closed = files.CloseIdleFiles();
            if (closed > 0) logger.LogDebug("Closed {Count} idle database files", closed);
        }
    }
}
