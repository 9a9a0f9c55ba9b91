using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dashboard.Data.Incidents;
using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Telemetry;

/// <summary>The data layer's counters, on a real migrated database, with the meter the host would give it.</summary>
public sealed class DataMetricsTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private ServiceProvider? _provider;
    private CounterRecorder? _counts;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        TestServices.Register(services, _database);
        services.AddSingleton<DataMetrics>();
        _provider = services.BuildServiceProvider();
        _counts = new CounterRecorder(_provider.GetRequiredService<IMeterFactory>());
    }

    private T Get<T>() where T : notnull => _provider!.GetRequiredService<T>();

    private static IncidentInput Input(string title = "Checkout errors") =>
        new() { Title = title, Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00" };

    [Fact]
    public async Task The_door_counts_each_command_by_its_result_and_subject()
    {
        var incidents = Get<IncidentCommands>();
        var ok = await incidents.CreateAsync(TestServices.Owner, Input());
        await incidents.CreateAsync(TestServices.Owner, new IncidentInput());
        await incidents.CreateAsync(Actor.Person("viewer@example.com", Role.Viewer), Input());
        await incidents.UpdateAsync(TestServices.Owner, 999_999, Guid.NewGuid(), Input());
        await incidents.UpdateAsync(TestServices.Owner, ok.Id!.Value, Guid.NewGuid(), Input("Stale edit"));

        foreach (var result in new[] { "ok", "invalid", "forbidden", "not_found", "conflict" })
            Assert.Equal(1, _counts!.Count("incidentboard.door.commands", ("result", result), ("subject", "incident")));
    }

    [Fact]
    public async Task The_aggregate_cache_counts_a_computation_as_a_miss_and_a_shared_answer_as_a_hit()
    {
        var cache = Get<AggregateCache>();
        await cache.GetAsync("metrics-test", Actor.System, new { n = 1 }, _ => Task.FromResult(42));
        await cache.GetAsync("metrics-test", Actor.System, new { n = 1 }, _ => Task.FromResult(42));
        await cache.GetAsync("metrics-test", Actor.System, new { n = 1 }, _ => Task.FromResult(42));

        Assert.Equal(1, _counts!.Count("incidentboard.cache.lookups", ("result", "miss")));
        Assert.Equal(2, _counts.Count("incidentboard.cache.lookups", ("result", "hit")));
    }

    [Fact]
    public async Task Failed_webhook_deliveries_are_counted_as_retried_then_given_up()
    {
        var (made, _) = await Get<WebhookCommands>().CreateAsync(TestServices.Owner, new WebhookInput("https://93.184.215.14/hooks/metrics", ["incident.created"], false));
        Assert.True(made.Succeeded, string.Join("; ", made.Errors.Values));
        Assert.True((await Get<IncidentCommands>().CreateAsync(TestServices.Owner, Input())).Succeeded);
        var store = Get<DeliveryStore>();
        var now = FixedClock.Default.GetUtcNow().UtcDateTime.AddMinutes(1);

        var first = Assert.Single(await store.ClaimDueAsync(now, CancellationToken.None));
        await store.FailedAsync(first, now, 503, 12, "The endpoint answered 503.", retryAt: now, CancellationToken.None);
        var second = Assert.Single(await store.ClaimDueAsync(now, CancellationToken.None));
        await store.FailedAsync(second, now, null, 5000, "No answer within 5 s.", retryAt: null, CancellationToken.None);

        Assert.Equal(1, _counts!.Count("incidentboard.webhook.delivery.failures", ("outcome", "retry")));
        Assert.Equal(1, _counts.Count("incidentboard.webhook.delivery.failures", ("outcome", "gave_up")));
    }

    public async Task DisposeAsync()
    {
        _counts?.Dispose();
        if (_provider is not null) await _provider.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Adds up what the app's meter of one container counts (other containers' meters in the test run are not heard).</summary>
    private sealed class CounterRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _sums = new();

        public CounterRecorder(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DataMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var key = Key(instrument.Name, tags.ToArray().Select(t => (t.Key, t.Value?.ToString() ?? "")));
                _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long Count(string name, params (string Key, string Value)[] labels) => _sums.GetValueOrDefault(Key(name, labels));

        private static string Key(string name, IEnumerable<(string Key, string Value)> labels) =>
            name + "|" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

        public void Dispose() => _listener.Dispose();
    }
}
