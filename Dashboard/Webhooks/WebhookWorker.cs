using Dashboard.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace Dashboard.Webhooks;

/// <summary>Runs <see cref="WebhookDispatcher"/> while the app runs: again at once while there was work, else after the poll interval.</summary>
public sealed class WebhookWorker(WebhookDispatcher dispatcher, IOptions<WebhookOptions> options, ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A locked or unreachable database: log and keep going; the rows wait in the outbox.
                logger.LogError(ex, "Webhook delivery pass failed");
            }
            if (worked == 0)
            {
                try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
