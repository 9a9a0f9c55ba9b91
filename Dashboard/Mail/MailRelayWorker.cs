using Dashboard.Data.Mail;
using Microsoft.Extensions.Options;

namespace Dashboard.Mail;

/// <summary>
/// Runs <see cref="MailRelay"/> while the app runs, <see cref="MailOptions.Connections"/> passes at once
/// (each its own SMTP connection and claims): each again at once while there was work, else after the poll interval.
/// </summary>
public sealed class MailRelayWorker(MailRelay relay, IOptions<MailOptions> options, ILogger<MailRelayWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Connections).Select(_ => Task.Run(() => RunAsync(stoppingToken), CancellationToken.None)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await relay.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A locked or unreachable database: log and keep going; the rows wait in the outbox.
                logger.LogError(ex, "Mail relay pass failed");
            }
            if (worked == 0)
            {
                try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
