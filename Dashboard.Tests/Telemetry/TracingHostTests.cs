using System.Diagnostics;
using Dashboard.Data.Incidents;
using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Webhooks;
using Dashboard.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Dashboard.Api;

namespace Dashboard.Tests.Telemetry;

/// <summary>The app with a collector configured, its spans also kept in memory, where a test can read them.</summary>
public sealed class TracedAppFactory : AppFactory
{
    private readonly LockedSpans _spans = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
    }

    public List<Activity> Snapshot() => _spans.Snapshot();

    /// <summary>The exporter adds from the app's threads while the test reads.</summary>
    private sealed class LockedSpans : System.Collections.ObjectModel.Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this) base.InsertItem(index, item);
        }

        public List<Activity> Snapshot()
        {
            lock (this) return [.. this];
        }
    }
}

public sealed class TracingHostTests
{
    [Fact]
    public async Task With_a_collector_configured_requests_database_commands_and_webhook_calls_are_traced()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new TracedAppFactory
        {
            Settings =
            {
                // Nothing listens there: the OTLP export fails quietly, the in-memory copy is what the test reads.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
                ["Webhooks:AllowPrivateNetworks"] = "true",
            },
        };
        Assert.NotNull(app.Services.GetService<TracerProvider>());

        var client = await app.SignedInClientAsync();
        Assert.True((await client.GetAsync("/actions")).IsSuccessStatusCode);
        var (endpoint, secret) = await app.Services.GetRequiredService<WebhookCommands>().CreateAsync(Actor.System, new WebhookInput(receiver.Url, ["incident.created"]));
        Assert.True(endpoint.Succeeded, string.Join("; ", endpoint.Errors.Values));
        receiver.Secret = secret;
        var incident = await app.Services.GetRequiredService<IncidentCommands>().CreateAsync(Actor.System,
            new IncidentInput { Title = "Traced outage", Organisation = "Shop", Summary = "Ongoing.", Started = "2026-03-01 10:00" });
        Assert.True(incident.Succeeded, string.Join("; ", incident.Errors.Values));
        // The app's worker may deliver first; either way the call leaves through the webhooks client.
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Single(receiver.Received);

        var spans = app.Snapshot();
        Assert.Contains(spans, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName.Contains("/actions"));
        Assert.Contains(spans, s => s.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore" && s.Kind == ActivityKind.Client);
        var port = new Uri(receiver.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http"
            && Convert.ToString(s.GetTagItem("server.port"), System.Globalization.CultureInfo.InvariantCulture) == port);
        // The probes and the scraper are left out: they would drown the traces.
        await TestPeer.From(app.CreateClient(), "127.0.0.1").GetAsync("/healthz/ready");
        Assert.DoesNotContain(app.Snapshot(), s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/healthz"));
    }
}
