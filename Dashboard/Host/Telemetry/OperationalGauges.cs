using Dashboard.Data.Telemetry;

namespace Dashboard.Host.Telemetry;

/// <summary>
/// The database counts behind the gauges, kept for a short while. A scrape never waits for the
/// database: it reads the last counts and, when they are older than <see cref="MaxAge"/> or a change
/// was committed since, starts one refresh in the background for the next scrape. While the counts
/// cannot be read the gauges report nothing rather than stale numbers (Prometheus shows them absent).
/// </summary>
public sealed class OperationalGauges
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private readonly OperationalQueries _queries;
    private readonly TimeProvider _clock;
    private readonly ILogger<OperationalGauges> _log;
    private volatile Snapshot? _last;
    private int _refreshing;
    private volatile bool _changed;

    private sealed record Snapshot(OperationalCounts Counts, DateTimeOffset TakenAt);

    public OperationalGauges(OperationalQueries queries, TimeProvider clock, ChangeBus bus, ILogger<OperationalGauges> log)
    {
        (_queries, _clock, _log) = (queries, clock, log);
        // A singleton for the app's lifetime: the subscription lives as long as the bus.
        bus.ObserveAll(_ => _changed = true);
    }

    public DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>The measurements <paramref name="select"/> makes of the last counts; none before the first read or after a failed one.</summary>
    public IEnumerable<T> Read<T>(Func<OperationalCounts, IEnumerable<T>> select)
    {
        var last = _last;
        if (last is null || _changed || _clock.GetUtcNow() - last.TakenAt >= MaxAge) StartRefresh();
        return last is null ? [] : select(last.Counts);
    }

    /// <summary>One refresh at a time; callers never wait for it.</summary>
    public void StartRefresh()
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0) return;
        _ = Task.Run(RefreshAsync);
    }

    /// <summary>Reads the counts now (also what the background refresh runs).</summary>
    public async Task RefreshAsync()
    {
        try
        {
            _changed = false; // before the read: a change committed during it marks the result stale again
            var counts = await _queries.CountAsync();
            _last = new Snapshot(counts, _clock.GetUtcNow());
        }
        catch (Exception ex)
        {
            _last = null;
            _log.LogWarning(ex, "The gauges could not read their counts from the database");
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
