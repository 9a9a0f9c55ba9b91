using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Telemetry;

/// <summary>A real Prometheus scrapes the real app on a real port (loopback: allowed without a token) and sees its gauges.</summary>
public sealed class PrometheusEndToEndTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private PrometheusProcess? _prometheus;

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        // The seeded incidents are all closed: open two, so the gauge has something to show.
        var commands = _app.Services.GetRequiredService<IncidentCommands>();
        foreach (var (title, severity) in new[] { ("Checkout latency", Severity.Sev1), ("Search index lag", Severity.Sev3) })
        {
            var made = await commands.CreateAsync(Actor.System, new IncidentInput { Title = title, Organisation = "Shop", Summary = "Ongoing.", Severity = severity, Started = "2026-03-01 10:00" });
            Assert.True(made.Succeeded, string.Join("; ", made.Errors.Values));
        }
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _prometheus = await PrometheusProcess.StartAsync($"127.0.0.1:{address.Port}");
    }

    [Fact]
    public async Task Prometheus_scrapes_the_open_incident_gauge_and_its_value_matches_the_database()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var expected = await db.Incidents.CountAsync(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed);
        var sev1 = await db.Incidents.CountAsync(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed && i.Severity == Severity.Sev1);
        Assert.True(expected > 0);

        using var http = new HttpClient { BaseAddress = new Uri(_prometheus!.BaseUrl) };
        // Scrapes run every second; the gauges' counts are read on the first scrape and shown from the next.
        double? total = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (total != expected)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Prometheus did not see {expected} open incidents in 60 s (last: {total?.ToString() ?? "none"}).\n{_prometheus.ReadLog()}");
            await Task.Delay(500);
            total = await QueryAsync(http, "sum(incidentboard_incidents_open)");
        }

        Assert.Equal(sev1, await QueryAsync(http, "incidentboard_incidents_open{severity=\"SEV1\"}"));
        Assert.Equal(1, await QueryAsync(http, "up{job=\"incidentboard\"}"));
        // The framework's histograms arrive with their unit. A scrape's own request is recorded only once it
        // has ended, so the histogram may first show on a later scrape than the gauge.
        double? requests = null;
        while (requests is null)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Prometheus saw no http_server_request_duration_seconds_count in 60 s.\n{_prometheus.ReadLog()}");
            await Task.Delay(500);
            requests = await QueryAsync(http, "sum(http_server_request_duration_seconds_count)");
        }
    }

    /// <summary>The single value of an instant query, or null when it has no series (yet).</summary>
    private static async Task<double?> QueryAsync(HttpClient http, string query)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>($"api/v1/query?query={Uri.EscapeDataString(query)}");
        Assert.Equal("success", answer.GetProperty("status").GetString());
        var result = answer.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0) return null;
        return double.Parse(Assert.Single(result.EnumerateArray()).GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        await _app.DisposeAsync();
    }
}
