using Dashboard.Data.Notifications;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>
/// Runs <see cref="NotificationScan"/> and then <see cref="DigestJob"/> every <see cref="NotificationOptions.ScanInterval"/>;
/// what they tell is told once (digests: once per period), so a run after a restart repeats nothing.
/// </summary>
public sealed class NotificationScanWorker(NotificationScan scan, DigestJob digests, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationScanWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval, clock);
        // First after one interval: start-up (migrations, seeding) is not the moment, and nothing is lost by waiting.
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await scan.RunAsync(stoppingToken);
                await digests.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The notification scan failed; it runs again at the next interval");
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
