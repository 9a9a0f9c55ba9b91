using System.Diagnostics.Metrics;

namespace Dashboard.Mail;

/// <summary>The mail relay's instruments on the app's meter: messages sent and failed attempts (the backlog is the <c>incidentboard.outbox.messages</c> gauge).</summary>
public sealed class MailMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DataMetrics.MeterName);
        _sent = meter.CreateCounter<long>("incidentboard.mail.sent", "{message}", "Messages the SMTP server accepted from the mail outbox.");
        _failures = meter.CreateCounter<long>("incidentboard.mail.failures", "{attempt}",
            "Failed mail attempts, by outcome: retry (due again later) or gave_up (failed for good).");
    }

    public void Sent(int messages) => _sent.Add(messages);

    public void Failed(bool willRetry) => _failures.Add(1, new KeyValuePair<string, object?>("outcome", willRetry ? "retry" : "gave_up"));
}
