using System.Diagnostics.Metrics;

namespace Dashboard.Data.Kernel;

/// <summary>
/// The data layer's counters on the app's meter: what the door decided, how often the shared
/// cache answered, how often a webhook delivery failed. Made from the host's <see cref="IMeterFactory"/>,
/// so each app instance (and each test host) counts on its own meter.
/// <para>
/// Labels carry only values written in the code (a result, a command's subject word, hit or miss),
/// never a slug, a title or a person, so the number of series stays fixed.
/// </para>
/// </summary>
public sealed class DataMetrics
{
    /// <summary>The app's meter: the app's own instruments, here and in the web project, are made on it.</summary>
    public const string MeterName = "IncidentBoard";

    private readonly Counter<long> _commands;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _deliveryFailures;

    public DataMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _commands = meter.CreateCounter<long>("incidentboard.door.commands", "{command}",
            "Commands through the write door, by result (ok, invalid, conflict, forbidden, not_found, error) and subject.");
        _cacheLookups = meter.CreateCounter<long>("incidentboard.cache.lookups", "{lookup}",
            "Reads of the shared aggregate cache, by result: hit (served from the cache) or miss (computed).");
        _deliveryFailures = meter.CreateCounter<long>("incidentboard.webhook.delivery.failures", "{delivery}",
            "Failed webhook delivery attempts, by outcome: retry (due again later) or gave_up (failed for good).");
    }

    public void Command(string subject, Outcome outcome) => _commands.Add(1,
        new KeyValuePair<string, object?>("result", ResultLabel(outcome)), new KeyValuePair<string, object?>("subject", subject));

    /// <summary>A command that threw instead of answering (a lost database, a bug).</summary>
    public void CommandFailed(string subject) => _commands.Add(1,
        new KeyValuePair<string, object?>("result", "error"), new KeyValuePair<string, object?>("subject", subject));

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void DeliveryFailed(bool willRetry) => _deliveryFailures.Add(1, new KeyValuePair<string, object?>("outcome", willRetry ? "retry" : "gave_up"));

    public static string ResultLabel(Outcome outcome) => outcome switch
    {
        Outcome.Ok => "ok",
        Outcome.Invalid => "invalid",
        Outcome.Conflict => "conflict",
        Outcome.Forbidden => "forbidden",
        Outcome.NotFound => "not_found",
        _ => "error",
    };
}
