using Dashboard.Data.Alerts;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Ui.Kit;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Alerts;

public class AlertIngestTests
{
    private static readonly Actor Bot = Actor.Person("alertmanager@example.com", Role.Responder).Via(ChangeSource.Api) with { DisplayName = "Alertmanager" };
    private static readonly DateTime Start = new(2026, 11, 30, 9, 58, 0, DateTimeKind.Utc);

    private static AlertmanagerAlert Alert(string fingerprint, string status = "firing", string service = "cf-fl-proxy", string severity = "critical", DateTime? endsAt = null) => new()
    {
        Status = status, Fingerprint = fingerprint, StartsAt = Start, EndsAt = endsAt ?? default,
        Labels = new() { ["alertname"] = "ProxyErrors", ["severity"] = severity, ["service"] = service, ["instance"] = fingerprint },
        Annotations = new() { ["summary"] = $"5xx above 5% on {fingerprint}" },
    };

    private static AlertmanagerNotification Notification(string status, params AlertmanagerAlert[] alerts) => new()
    {
        Version = "4", GroupKey = "{}:{alertname=\"ProxyErrors\"}", Status = status, Receiver = "incidentboard",
        GroupLabels = new() { ["alertname"] = "ProxyErrors" },
        CommonLabels = new() { ["alertname"] = "ProxyErrors", ["service"] = "cf-fl-proxy" },
        CommonAnnotations = new() { ["summary"] = "Proxy 5xx rate above 5%" },
        Alerts = [.. alerts],
    };

    [Fact]
    public async Task A_firing_group_declares_one_incident_and_later_notifications_add_to_it()
    {
        await using var services = await TestServices.CreateAsync();
        var ingest = services.Get<AlertIngest>();

        var first = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1")));
        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Values));
        Assert.Equal(1, first.Count);
        var again = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1"))); // Alertmanager repeats itself
        Assert.Equal((true, 0, first.Key), (again.Succeeded, again.Count, again.Key));
        var second = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1"), Alert("a2", severity: "warning")));
        Assert.Equal((1, first.Key), (second.Count, second.Key));

        await using var db = services.Database.CreateDbContext();
        var incident = await db.Incidents.Include(i => i.Events).SingleAsync(i => i.Slug == first.Key);
        Assert.Equal("Proxy 5xx rate above 5%", incident.Title);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal(Start, incident.DetectedAt);
        Assert.Null(incident.MitigatedAt);
        Assert.Equal(2, incident.Events.Count);
        Assert.All(incident.Events, e => Assert.Equal((EventKind.Detection, EventSource.Api, "Alertmanager"), (e.Kind, e.Source, e.Author)));
        var proxy = await db.Services.SingleAsync(s => s.Key == "cf-fl-proxy");
        Assert.All(incident.Events, e => Assert.Equal(proxy.Id, e.ServiceId));
        Assert.Contains(incident.Events, e => e.Text.StartsWith("ProxyErrors firing: 5xx above 5% on a2"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "incident.created" && a.IncidentId == incident.Id && a.Actor == Bot.Name && a.Source == ChangeSource.Api));
    }

    [Fact]
    public async Task Resolved_alerts_add_recovery_events_and_a_fully_resolved_group_sets_mitigated_once()
    {
        await using var services = await TestServices.CreateAsync();
        var ingest = services.Get<AlertIngest>();
        var declared = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1"), Alert("a2")));

        var partly = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1", "resolved", endsAt: Start.AddMinutes(10)), Alert("a2")));
        Assert.Equal(1, partly.Count);
        var all = await ingest.ReceiveAsync(Bot, Notification("resolved", Alert("a1", "resolved", endsAt: Start.AddMinutes(10)), Alert("a2", "resolved", endsAt: Start.AddMinutes(25))));
        Assert.Equal(1, all.Count);
        var repeat = await ingest.ReceiveAsync(Bot, Notification("resolved", Alert("a1", "resolved", endsAt: Start.AddMinutes(10)), Alert("a2", "resolved", endsAt: Start.AddMinutes(25))));
        Assert.Equal(0, repeat.Count);

        await using var db = services.Database.CreateDbContext();
        var incident = await db.Incidents.Include(i => i.Events).SingleAsync(i => i.Slug == declared.Key);
        Assert.Equal(Start.AddMinutes(25), incident.MitigatedAt);
        Assert.Null(incident.ResolvedAt); // a person resolves it
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal([EventKind.Detection, EventKind.Detection, EventKind.Recovery, EventKind.Recovery], incident.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.Kind));
        Assert.Equal(Start.AddMinutes(25), incident.Events.Max(e => e.OccurredAt));
    }

    [Fact]
    public async Task Once_its_incident_is_resolved_a_group_that_fires_again_declares_a_new_one()
    {
        await using var services = await TestServices.CreateAsync();
        var ingest = services.Get<AlertIngest>();
        var first = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1")));
        await using (var db = services.Database.CreateDbContext())
            await db.Incidents.Where(i => i.Slug == first.Key).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IncidentStatus.Resolved));
        var late = await ingest.ReceiveAsync(Bot, Notification("resolved", Alert("a1", "resolved", endsAt: Start.AddMinutes(5))));
        Assert.Equal((true, null, 0), (late.Succeeded, late.Key, late.Count)); // nothing open to add to

        var refire = Alert("a1") with { StartsAt = Start.AddHours(2) };
        var second = await ingest.ReceiveAsync(Bot, Notification("firing", refire));
        Assert.NotEqual(first.Key, second.Key);
        Assert.NotNull(second.Key);
    }

    [Fact]
    public async Task A_resend_for_an_incident_made_private_does_not_name_it_to_a_sender_who_may_not_see_it()
    {
        await using var services = await TestServices.CreateAsync(seed: false);
        var ingest = services.Get<AlertIngest>();
        var first = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1")));
        Assert.True((await services.Get<IncidentAccessCommands>().SetPrivateAsync(TestServices.Owner, first.Id!.Value, true)).Succeeded);

        var resent = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1"))); // adds nothing, so nothing was written to refuse
        var fresh = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a2"))); // would add an event

        Assert.Equal((Outcome.NotFound, null, null), (resent.Outcome, resent.Key, resent.Id));
        Assert.Equal((Outcome.NotFound, null), (fresh.Outcome, fresh.Key));
        Assert.DoesNotContain(first.Key!, string.Join(" ", resent.Errors.Values.Concat(resent.Warnings)));
        // A sender who sees it (an admin's key) is still told which incident the notification fed.
        var admin = await ingest.ReceiveAsync(TestServices.Owner.Via(ChangeSource.Api), Notification("firing", Alert("a1")));
        Assert.Equal((true, first.Key), (admin.Succeeded, admin.Key));
    }

    [Fact]
    public async Task Bad_payloads_and_viewers_are_refused_whole()
    {
        await using var services = await TestServices.CreateAsync(seed: false);
        var ingest = services.Get<AlertIngest>();
        var bad = await ingest.ReceiveAsync(Bot, Notification("firing", Alert("a1") with { Fingerprint = null, Status = "pending" }) with { Version = "3" });
        Assert.Equal(Outcome.Invalid, bad.Outcome);
        Assert.Contains(bad.Errors.Values, m => m.Contains("version 4"));
        Assert.Contains(bad.Errors.Values, m => m.Contains("alerts[0]: fingerprint"));
        Assert.Contains(bad.Errors.Values, m => m.Contains("alerts[0]: status"));
        var viewer = await ingest.ReceiveAsync(Actor.Person("v@example.com", Role.Viewer), Notification("firing", Alert("a1")));
        Assert.Equal(Outcome.Forbidden, viewer.Outcome);
        await using var db = services.Database.CreateDbContext();
        Assert.False(await db.Incidents.AnyAsync());
    }

    [Fact]
    public async Task Severity_follows_the_configured_label_mapping_and_unknown_services_are_left_out()
    {
        var options = new AlertOptions { SeverityLabel = "priority" };
        options.Severity["p2"] = Severity.Sev2;
        Assert.Equal(Severity.Sev2, options.SeverityOf([new Dictionary<string, string> { ["priority"] = "P2" }, new Dictionary<string, string> { ["priority"] = "p9" }]));
        Assert.Equal(options.DefaultSeverity, options.SeverityOf([new Dictionary<string, string> { ["severity"] = "critical" }]));

        await using var services = await TestServices.CreateAsync();
        var result = await services.Get<AlertIngest>().ReceiveAsync(Bot, Notification("firing", Alert("a1", service: "not-in-catalog", severity: "info")));
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join("; ", result.Errors.Values)}");
        await using var db = services.Database.CreateDbContext();
        var incident = await db.Incidents.Include(i => i.Events).SingleAsync(i => i.Slug == result.Key);
        Assert.Equal(Severity.Sev4, incident.Severity);
        Assert.Null(incident.Events.Single().ServiceId);
    }
}
