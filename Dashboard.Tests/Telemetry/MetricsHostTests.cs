using System.Net;
using System.Text.Json;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Host.Telemetry;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Data.Webhooks;
using Dashboard.Ui.Kit;
using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Telemetry;

/// <summary>/metrics and the probes through the real app host: who may read them, and what they say.</summary>
public sealed class MetricsHostTests(MetricsAppFactory app) : IClassFixture<MetricsAppFactory>
{
    private const string Outside = "203.0.113.7";

    private HttpClient From(string address) => TestPeer.From(app.CreateClient(new() { AllowAutoRedirect = false }), address);

    [Fact]
    public async Task Metrics_are_hidden_from_other_networks_and_shown_to_loopback_or_with_the_token()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await From(Outside).GetAsync("/metrics")).StatusCode);
        // The test server's own connections have no peer address at all: not an allowed network either.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);

        var wrongToken = From(Outside);
        wrongToken.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Forbidden, (await wrongToken.GetAsync("/metrics")).StatusCode);

        var withToken = From(Outside);
        withToken.DefaultRequestHeaders.Authorization = new("Bearer", MetricsAppFactory.Token);
        var allowed = await withToken.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("# TYPE ", await allowed.Content.ReadAsStringAsync());

        foreach (var loopback in new[] { "127.0.0.1", "::1", "::ffff:127.0.0.1" })
            Assert.Equal(HttpStatusCode.OK, (await From(loopback).GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task The_app_counts_its_own_work_under_prometheus_names_with_bounded_labels()
    {
        var services = app.Services;
        // A refused sign-in, a refused and an accepted command, a cache miss then a hit, a circuit.
        var refused = await AppFactory.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), AppFactory.OwnerEmail, "not the password");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var invalid = await services.GetRequiredService<IncidentCommands>().CreateAsync(Actor.System, new IncidentInput());
        Assert.Equal(Outcome.Invalid, invalid.Outcome);
        await app.KeyAsync(Role.Responder);
        var actions = services.GetRequiredService<ActionQueries>();
        var query = new ActionQuery(Owner: $"nobody-{Guid.NewGuid():N}");
        await actions.SummaryAsync(Actor.System, query);
        await actions.SummaryAsync(Actor.System, query);
        await new ActiveCircuits(services.GetRequiredService<AppMetrics>()).OnCircuitOpenedAsync(null!, CancellationToken.None);

        var text = await app.ScrapeAsync();
        var metrics = PrometheusText.Parse(text);

        await using (var db = await services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
        {
            var open = await db.Incidents.CountAsync(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed);
            Assert.Equal(open, metrics.Sum("incidentboard_incidents_open"));
            Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], metrics.Named("incidentboard_incidents_open").Select(s => s.Labels["severity"]).Order());
            var overdue = await db.RemediationActions.CountAsync(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress)
                && a.DueDate < DateOnly.FromDateTime(DateTime.UtcNow));
            Assert.Equal(overdue, metrics.Sum("incidentboard_actions_overdue"));
            Assert.Equal(await db.RemediationActions.CountAsync(a => a.Status == ActionStatus.Open), metrics.Sum("incidentboard_actions_open", l => l["status"] == "open"));
            Assert.Equal(await db.WebhookDeliveries.CountAsync(d => d.Status == DeliveryStatus.Pending), metrics.Sum("incidentboard_webhook_outbox_pending"));
            // One gauge for every outbox, labelled by outbox and state only (bounded: 3 × 2 series).
            Assert.Equal(["mail/failed", "mail/pending", "trackers/failed", "trackers/pending", "webhooks/failed", "webhooks/pending"],
                metrics.Named("incidentboard_outbox_messages").Select(s => $"{s.Labels["outbox"]}/{s.Labels["state"]}").Order());
            Assert.Equal(await db.OutboundMails.CountAsync(m => m.State == Dashboard.Data.Mail.MailState.Queued),
                metrics.Sum("incidentboard_outbox_messages", l => l["outbox"] == "mail" && l["state"] == "pending"));
        }
        Assert.Single(metrics.Named("incidentboard_webhook_outbox_oldest_age_seconds")); // unit "s" becomes the _seconds suffix
        Assert.True(metrics.Sum("incidentboard_signin_failures_total", l => l["reason"] == "invalid_credentials") >= 1,
            string.Join('\n', text.Split('\n').Where(l => l.StartsWith("incidentboard_", StringComparison.Ordinal))));
        Assert.True(metrics.Sum("incidentboard_door_commands_total", l => l["result"] == "invalid" && l["subject"] == "incident") >= 1);
        Assert.True(metrics.Sum("incidentboard_door_commands_total", l => l["result"] == "ok" && l["subject"] == "API key") >= 1);
        Assert.True(metrics.Sum("incidentboard_cache_lookups_total", l => l["result"] == "miss") >= 1);
        Assert.True(metrics.Sum("incidentboard_cache_lookups_total", l => l["result"] == "hit") >= 1);
        Assert.True(metrics.Sum("incidentboard_circuits_active") >= 1);
        // ASP.NET Core's and the runtime's own, with their units as suffixes.
        Assert.NotEmpty(metrics.Named("http_server_request_duration_seconds_bucket"));
        Assert.Contains(metrics.Types.Keys, name => name.StartsWith("dotnet_gc_", StringComparison.Ordinal));

        // Prometheus conventions: every counter ends in _total (and only counters do).
        Assert.All(metrics.Types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key));
        Assert.All(metrics.Types.Where(t => t.Key.EndsWith("_total", StringComparison.Ordinal)), t => Assert.Equal("counter", t.Value));
        // Bounded labels: the app's series carry only labels from a fixed vocabulary, with fixed values.
        string[] vocabulary = ["severity", "status", "result", "subject", "reason", "outcome", "outbox", "state"];
        var own = metrics.Samples.Where(s => s.Name.StartsWith("incidentboard_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, s => Assert.All(s.Labels.Keys, label => Assert.True(vocabulary.Contains(label) || label.StartsWith("otel_scope_", StringComparison.Ordinal), $"{s.Name} has the label {label}")));
        Assert.All(own.SelectMany(s => s.Labels.Where(l => l.Key == "result")), l => Assert.Contains(l.Value, new[] { "ok", "invalid", "conflict", "forbidden", "not_found", "error", "hit", "miss" }));
        // No personal data or incident address anywhere in the scrape, the framework's series included.
        Assert.DoesNotContain(AppFactory.OwnerEmail, text);
        Assert.DoesNotContain(metrics.Samples.SelectMany(s => s.Labels.Values), v => v.Contains('@'));
        await using var check = await services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        foreach (var slug in await check.Incidents.Select(i => i.Slug).ToListAsync()) Assert.DoesNotContain(slug, text);
    }

    [Fact]
    public async Task The_probes_answer_anyone_with_a_word_and_the_operator_with_each_check()
    {
        var live = await From(Outside).GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        var ready = await From(Outside).GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync()); // no detail for strangers

        var detail = await From("127.0.0.1").GetAsync("/healthz/ready");
        Assert.Equal("application/json", detail.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await detail.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["migrations"]);

        // /healthz is what it was.
        var old = await From(Outside).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.StartsWith("Healthy", await old.Content.ReadAsStringAsync());
    }
}

public sealed class AllowedNetworksHostTests
{
    [Fact]
    public async Task Allowed_networks_set_as_one_string_replace_loopback()
    {
        await using var app = new AppFactory { Settings = { ["Metrics:AllowedNetworks"] = "203.0.113.0/24, 10.0.0.0/8" } };

        Assert.Equal(HttpStatusCode.OK, (await TestPeer.From(app.CreateClient(), "203.0.113.7").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestPeer.From(app.CreateClient(), "10.1.2.3").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestPeer.From(app.CreateClient(), "127.0.0.1").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestPeer.From(app.CreateClient(), "198.51.100.1").GetAsync("/metrics")).StatusCode);
    }
}

public sealed class MetricsAccessTests
{
    [Fact]
    public void Allowed_networks_take_cidr_ranges_and_single_addresses_in_a_list_or_one_string_and_default_to_loopback()
    {
        var access = new MetricsAccess(Microsoft.Extensions.Options.Options.Create(new MetricsOptions { AllowedNetworks = ["10.0.0.0/8, 192.168.1.5", "fd00::/8"] }));
        Assert.True(access.FromAllowedNetwork(IPAddress.Parse("10.20.30.40")));
        Assert.True(access.FromAllowedNetwork(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.True(access.FromAllowedNetwork(IPAddress.Parse("192.168.1.5")));
        Assert.True(access.FromAllowedNetwork(IPAddress.Parse("fd12::1")));
        Assert.False(access.FromAllowedNetwork(IPAddress.Parse("192.168.1.6")));
        Assert.False(access.FromAllowedNetwork(IPAddress.Loopback)); // configured networks replace the default

        var loopbackOnly = new MetricsAccess(Microsoft.Extensions.Options.Options.Create(new MetricsOptions()));
        Assert.True(loopbackOnly.FromAllowedNetwork(IPAddress.Loopback));
        Assert.True(loopbackOnly.FromAllowedNetwork(IPAddress.IPv6Loopback));
        Assert.False(loopbackOnly.FromAllowedNetwork(IPAddress.Parse("10.0.0.1")));
        Assert.False(loopbackOnly.FromAllowedNetwork(null));

        var bad = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => MetricsAccess.ParseNetworks(["10.0.0.0/33"]));
        Assert.Contains("10.0.0.0/33", bad.Message);
    }
}

public sealed class OtlpSwitchHostTests
{
    [Fact]
    public async Task Tracing_is_off_without_a_collector()
    {
        await using var plain = new AppFactory();
        Assert.Null(plain.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }
}
