using System.Diagnostics.Metrics;

namespace Dashboard.Host.Telemetry;

/// <summary>
/// The web app's own instruments on the app's meter (<see cref="DataMetrics.MeterName"/>): the gauges
/// read from the store, live circuits and refused sign-ins. The data layer's counters (door, cache,
/// webhook failures) are in <see cref="DataMetrics"/>.
/// </summary>
public sealed class AppMetrics
{
    private readonly UpDownCounter<long> _circuits;
    private readonly Counter<long> _signInFailures;

    public AppMetrics(IMeterFactory meters, OperationalGauges gauges)
    {
        var meter = meters.Create(DataMetrics.MeterName);
        _circuits = meter.CreateUpDownCounter<long>("incidentboard.circuits.active", "{circuit}",
            "Interactive (Blazor Server) circuits open on this instance.");
        _signInFailures = meter.CreateCounter<long>("incidentboard.signin.failures", "{attempt}",
            "Refused password sign-ins, by reason: invalid_credentials, not_allowed (disabled or locked account) or throttled (too many failures).");

        meter.CreateObservableGauge("incidentboard.incidents.open", () => gauges.Read(c =>
                c.OpenIncidents.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("severity", SeverityLabel(p.Key))))),
            "{incident}", "Incidents not yet resolved or closed, by severity (read from the database, at most 15 s old).");
        meter.CreateObservableGauge("incidentboard.actions.open", () => gauges.Read(c => new[]
            {
                new Measurement<long>(c.ActionsOpen, new KeyValuePair<string, object?>("status", "open")),
                new Measurement<long>(c.ActionsInProgress, new KeyValuePair<string, object?>("status", "in_progress")),
            }),
            "{action}", "Remediation actions still to do, by status (open, in_progress).");
        meter.CreateObservableGauge("incidentboard.actions.overdue", () => gauges.Read(c => new[] { new Measurement<long>(c.ActionsOverdue) }),
            "{action}", "Remediation actions open or in progress whose due date has passed (UTC).");
        meter.CreateObservableGauge("incidentboard.webhook.outbox.pending", () => gauges.Read(c => new[] { new Measurement<long>(c.WebhooksPending) }),
            "{delivery}", "Webhook deliveries waiting in the outbox (not yet delivered, not failed for good).");
        meter.CreateObservableGauge("incidentboard.webhook.outbox.oldest_age", () => gauges.Read(c => new[]
            {
                new Measurement<double>(c.OldestPendingWebhook is { } oldest ? Math.Max(0, (gauges.Now - oldest).TotalSeconds) : 0),
            }),
            "s", "Age of the oldest webhook delivery waiting in the outbox; 0 when it is empty.");
        meter.CreateObservableGauge("incidentboard.outbox.messages", () => gauges.Read(c => c.Outboxes.SelectMany(o => new[]
            {
                new Measurement<long>(o.Pending, new KeyValuePair<string, object?>("outbox", o.Outbox), new KeyValuePair<string, object?>("state", "pending")),
                new Measurement<long>(o.Failed, new KeyValuePair<string, object?>("outbox", o.Outbox), new KeyValuePair<string, object?>("state", "failed")),
            })),
            "{message}", "What waits in each outbox (webhooks, mail, trackers) and what failed there for good, shown with its reason on the admin pages.");
    }

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    public void SignInFailed(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static string SeverityLabel(Severity severity) => $"SEV{(int)severity}";
}
