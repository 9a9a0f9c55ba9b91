using System.Diagnostics.Metrics;

namespace Dashboard.Mail;

/// <summary>The mail relay's instruments on the app's meter: messages sent, failed attempts, and the outbox backlog as of the last pass.</summary>
public sealed class MailMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private long _queued;
    private long _failed;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DataMetrics.MeterName);
        _sent = meter.CreateCounter<long>("incidentboard.mail.sent", "{message}", "Messages the SMTP server accepted from the mail outbox.");
        _failures = meter.CreateCounter<long>("incidentboard.mail.failures", "{attempt}",
            "Failed mail attempts, by outcome: retry (due again later) or gave_up (failed for good).");
        meter.CreateObservableGauge("incidentboard.mail.outbox.queued", () => Interlocked.Read(ref _queued), "{message}",
            "Messages waiting in the mail outbox, as of the relay's last pass.");
        meter.CreateObservableGauge("incidentboard.mail.outbox.failed", () => Interlocked.Read(ref _failed), "{message}",
            "Messages in the mail outbox that failed for good, as of the relay's last pass.");
    }

    public void Sent() => _sent.Add(1);

    public void Failed(bool willRetry) => _failures.Add(1, new KeyValuePair<string, object?>("outcome", willRetry ? "retry" : "gave_up"));

    public void Backlog(int queued, int failed)
    {
        Interlocked.Exchange(ref _queued, queued);
        Interlocked.Exchange(ref _failed, failed);
    }
}
