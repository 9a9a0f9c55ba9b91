using Dashboard.Data.Audit;
using Dashboard.Data.Changes;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data.Catalog;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Changes;

/// <summary>Change events on a real, migrated, seeded database: the seed, the commands at the door, the ranked query and the read rule.</summary>
public class ChangeDataTests : DataTest
{
    protected const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly Actor Responder = Actor.Person("rita@example.com", Role.Responder);
    private static readonly Actor Viewer = Actor.Person("vic@example.com", Role.Viewer);

    private ChangeCommands Commands => App.Get<ChangeCommands>();
    private ChangeQueries Queries => App.Get<ChangeQueries>();

    private static ChangeInput Deploy(string? externalId = null, string service = "cf-workers-kv", string at = "2025-11-18T10:00:00Z", string title = "Deploy workers-kv 1.2.3") => new()
    {
        ExternalId = externalId, Kind = "deploy", Services = [service], Environment = "production", StartedAt = at, Author = "ci-pipeline", Title = title,
        Link = "https://git.example.com/kv/commit/abc123", Labels = ["team:kv"],
    };

    [Fact]
    public async Task The_seeded_Cloudflare_incident_ranks_the_1105_ClickHouse_permissions_change_first_with_its_reason()
    {
        var ranked = (await Queries.BeforeIncidentAsync(Viewer, await App.IncidentIdAsync(Cloudflare)))!;

        var first = ranked.Items[0];
        Assert.Equal(new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc), first.Change.StartedAt);
        Assert.Equal(["cf-clickhouse"], first.Change.Services);
        Assert.Equal(ChangeRelation.Upstream, first.Relation);
        Assert.Equal("touched cf-clickhouse, which cf-fl-proxy depends on, 3 hops; upstream of 7 impacted services; 15 min before the start", first.Reason);
        Assert.Equal(ChangeRole.Trigger, first.Mark);
        Assert.Equal(first, ranked.Trigger);
        Assert.Equal(new DateTime(2025, 11, 17, 11, 20, 0, DateTimeKind.Utc), ranked.From);
        Assert.Equal(new DateTime(2025, 11, 18, 17, 6, 0, DateTimeKind.Utc), ranked.To);
    }

    [Fact]
    public async Task The_Cloudflare_timeline_draws_the_1105_change_on_the_ClickHouse_lane_and_leaves_unrelated_changes_off()
    {
        await Commands.RecordAsync(Responder, Deploy("unrelated-lambda", service: "aws-lambda", at: "2025-11-18T11:10:00Z"));

        var marker = Assert.Single(await Queries.MarkersAsync(Viewer, await App.IncidentIdAsync(Cloudflare)));

        Assert.Equal(("ClickHouse cluster", new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc), ChangeKind.Config), (marker.Lane, marker.At, marker.Kind));
    }

    [Fact]
    public async Task Each_seeded_outage_with_a_published_trigger_time_has_its_change_marked_and_Azure_29_October_has_none()
    {
        await using var db = App.Database.CreateDbContext();
        var marked = await db.ChangeMarks.Select(m => new { m.Incident!.Slug, m.Role, m.ChangeEvent!.StartedAt }).OrderBy(m => m.Slug).ToListAsync();

        Assert.Equal(
        [
            ("2024-07-19-crowdstrike-channel-file-291", new DateTime(2024, 7, 19, 4, 9, 0, DateTimeKind.Utc)),
            ("2025-10-20-aws-us-east-1-dynamodb-dns", new DateTime(2025, 10, 20, 6, 48, 0, DateTimeKind.Utc)),
            (Cloudflare, new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc)),
            ("2025-12-05-cloudflare-waf-killswitch", new DateTime(2025, 12, 5, 8, 47, 0, DateTimeKind.Utc)),
        ], marked.Select(m => (m.Slug, m.StartedAt)));
        Assert.All(marked, m => Assert.Equal(ChangeRole.Trigger, m.Role));
        // The facts give no time for the Azure configuration changes: no change is invented for them.
        Assert.DoesNotContain(marked, m => m.Slug.Contains("azure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_seeded_Cloudflare_postmortem_shows_the_1105_change_through_the_changes_section_under_Trigger()
    {
        var postmortems = App.Get<Dashboard.Data.Postmortems.PostmortemQueries>();
        var document = (await postmortems.GetAsync(Actor.System, Cloudflare))!;
        var record = (await postmortems.GetRecordAsync(Actor.System, document.IncidentId))!;

        var expanded = Dashboard.Data.Postmortems.GeneratedSections.Expand(document.Markdown!, record);

        // The row comes from the stored, marked change (not from text in the file), and it sits in the Trigger section.
        var trigger = expanded[expanded.IndexOf("\n## Trigger\n", StringComparison.Ordinal)..expanded.IndexOf("\n## Contributing factors\n", StringComparison.Ordinal)];
        Assert.Contains("| **Trigger** | 2025-11-18 11:05 | config | cf-clickhouse (production) | [ClickHouse access control:", trigger);
        Assert.Contains("(<https://blog.cloudflare.com/18-november-2025-outage/>)", trigger);
        Assert.DoesNotContain("{{changes}}", expanded);
    }

    [Fact]
    public async Task The_same_external_id_sent_twice_is_stored_once_and_audited_once()
    {
        var first = await Commands.RecordAsync(Responder.Via(ChangeSource.Api), Deploy("ci:run:42"));
        var again = await Commands.RecordAsync(Responder.Via(ChangeSource.Api), Deploy("ci:run:42", title: "a different title"));

        Assert.True(first.Succeeded);
        Assert.Equal((1, 0), (first.Count, again.Count));
        Assert.Equal(first.Id, again.Id);
        await using var db = App.Database.CreateDbContext();
        var stored = await db.ChangeEvents.Where(c => c.ExternalId == "ci:run:42").ToListAsync();
        Assert.Equal("Deploy workers-kv 1.2.3", Assert.Single(stored).Title);
        Assert.Equal("api", stored[0].Origin);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.ChangeRecorded && a.EntityKey == "ci:run:42").ToListAsync());
    }

    [Fact]
    public async Task A_bad_change_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var result = await Commands.RecordAsync(Responder, new ChangeInput
        {
            Kind = "rollout", Services = ["cf-workers-kv", "no-such-service"], StartedAt = "2025-11-18 25:00", EndedAt = null,
            Author = "ci", Title = "", Link = "javascript:alert(1)", Labels = ["a,b"],
        });

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Equal(["Kind", "Labels[0]", "Link", "Services[1]", "StartedAt", "Title"], result.Errors.Keys.Order());
        Assert.Contains("feature-flag", result.Errors["Kind"]);

        var unknown = await Commands.RecordAsync(Responder, Deploy(service: "no-such-service"));
        Assert.Equal("'no-such-service' is not a service in the catalog.", unknown.Errors["Services[0]"]);
        await using var db = App.Database.CreateDbContext();
        Assert.Equal(4, await db.ChangeEvents.CountAsync()); // the seed's
    }

    [Fact]
    public async Task A_service_a_change_touched_is_not_removed_but_offered_archiving()
    {
        await Commands.RecordAsync(Responder, Deploy("lambda-deploy", service: "aws-lambda"));
        await using var db = App.Database.CreateDbContext();
        var lambda = await db.Services.Where(s => s.Key == "aws-lambda").Select(s => s.Id).SingleAsync();

        var removed = await App.Get<Dashboard.Data.Catalog.ServiceCatalogCommands>().DeleteAsync(TestServices.Owner, lambda);

        Assert.Equal(Outcome.Invalid, removed.Outcome);
        Assert.StartsWith("“AWS Lambda (us-east-1)” cannot be removed", removed.Errors[""]);
        Assert.Contains("1 recorded change touched it. Archive it instead", removed.Errors[""]);
    }

    [Fact]
    public async Task A_viewer_may_not_record_a_change()
    {
        Assert.Equal(Outcome.Forbidden, (await Commands.RecordAsync(Viewer, Deploy())).Outcome);
    }

    [Fact]
    public async Task A_bulk_with_one_bad_change_is_refused_whole_naming_it_and_a_good_one_skips_stored_ids()
    {
        var bad = await Commands.RecordManyAsync(Responder, [Deploy("b:1"), Deploy("b:2", at: "yesterday"), Deploy("b:3", service: "nope")]);
        Assert.Equal(Outcome.Invalid, bad.Outcome);
        Assert.Equal(["[1].StartedAt", "[2].Services[0]"], bad.Errors.Keys.Order());

        var good = await Commands.RecordManyAsync(Responder, [Deploy("b:1"), Deploy("b:1"), Deploy(null), Deploy("seed:2025-11-18-cloudflare-clickhouse-permissions")]);
        Assert.Equal(2, good.Count);
        await using var db = App.Database.CreateDbContext();
        Assert.Equal(6, await db.ChangeEvents.CountAsync());
        Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.ChangeImported && a.EntityKey == "2 changes").ToListAsync());
    }

    [Fact]
    public async Task A_change_to_an_impacted_service_outranks_the_upstream_one_and_an_unrelated_one_comes_last()
    {
        await Commands.RecordAsync(Responder, Deploy("kv", service: "cf-workers-kv", at: "2025-11-17T12:00:00Z", title: "KV deploy"));
        await Commands.RecordAsync(Responder, Deploy("aws", service: "aws-lambda", at: "2025-11-18T11:19:00Z", title: "Unrelated, a minute before"));

        var ranked = (await Queries.BeforeIncidentAsync(Viewer, await App.IncidentIdAsync(Cloudflare)))!;

        Assert.Equal(["KV deploy", "ClickHouse access control: implicit access to the r0 tables made explicit, rolled out gradually across the cluster", "Unrelated, a minute before"],
            ranked.Items.Select(i => i.Change.Title));
        Assert.Equal("touched cf-workers-kv, an impacted service; upstream of 1 impacted service; 23 h 20 min before the start", ranked.Items[0].Reason);
        Assert.Equal("touched aws-lambda, not connected to the impacted services in the catalog; 1 min before the start", ranked.Items[2].Reason);
    }

    [Fact]
    public async Task Marking_a_new_trigger_replaces_the_old_one_audited_on_the_incident()
    {
        var incident = await App.IncidentIdAsync(Cloudflare);
        var kv = await Commands.RecordAsync(Responder, Deploy("kv-trigger"));

        Assert.True((await Commands.MarkAsync(Responder, incident, kv.Id!.Value, ChangeRole.Trigger)).Succeeded);

        var ranked = (await Queries.BeforeIncidentAsync(Viewer, incident))!;
        Assert.Equal("Deploy workers-kv 1.2.3", ranked.Trigger!.Change.Title);
        Assert.Single(ranked.Items, i => i.Mark is not null);
        await using var db = App.Database.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.IncidentId == incident && a.EntityType == "change").OrderBy(a => a.Id).Select(a => new { a.Action, a.EntityKey }).ToListAsync();
        Assert.Equal([(AuditActions.ChangeMarked, "seed:2025-11-18-cloudflare-clickhouse-permissions"), (AuditActions.ChangeUnmarked, "seed:2025-11-18-cloudflare-clickhouse-permissions"), (AuditActions.ChangeMarked, "kv-trigger")],
            audit.Select(a => (a.Action, a.EntityKey)));
        Assert.Equal(Outcome.Forbidden, (await Commands.MarkAsync(Viewer, incident, kv.Id!.Value, null)).Outcome);
    }

    [Fact]
    public async Task A_change_links_to_a_private_incident_only_for_those_who_may_see_it()
    {
        var incident = await App.IncidentIdAsync(Cloudflare);
        var outsider = await App.UserAsync("otto@example.com", "Otto Outsider", Role.Responder);
        Assert.True((await App.Get<IncidentAccessCommands>().SetPrivateAsync(TestServices.Owner, incident, true)).Succeeded);
        var filter = new ChangeFilter { ExternalId = "seed:2025-11-18-cloudflare-clickhouse-permissions" };

        var seen = Assert.Single(await Queries.ListAsync(outsider, filter));
        Assert.Empty(seen.Incidents);
        Assert.Equal(Cloudflare, Assert.Single(Assert.Single(await Queries.ListAsync(TestServices.Owner, filter)).Incidents).Slug);
        Assert.Null(await Queries.BeforeIncidentAsync(outsider, incident));
        // Marking through an incident one may not see answers as if it did not exist.
        Assert.Equal(Outcome.NotFound, (await Commands.MarkAsync(outsider, incident, seen.Id, null)).Outcome);
    }
}

public sealed class ChangeDataTestsOnPostgreSql : ChangeDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
