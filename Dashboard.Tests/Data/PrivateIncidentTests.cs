using Dashboard.Data.Actions;
using Dashboard.Data.Audit;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Review;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Incidents;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>
/// The 18 November Cloudflare incident made private, with one member: every surface that shows
/// incident data, counts or exports hides it from a viewer who is not a member, and shows it to
/// the member and to admins. Each test fails if its query forgets the read rule.
/// </summary>
public class PrivateIncidentTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="PrivateIncidentTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly ReviewQuery November18 = new(From: new DateTime(2025, 11, 18, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2025, 11, 19, 0, 0, 0, DateTimeKind.Utc));
    private TestServices _app = default!;
    private int _incident;
    private Actor _outsider = default!;
    private Actor _member = default!;
    private Actor _admin = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _incident = await _app.IncidentIdAsync(Cloudflare);
        _outsider = await _app.UserAsync("vera@example.com", "Vera Viewer", Role.Responder);
        _member = await _app.UserAsync("mia@example.com", "Mia Member", Role.Viewer);
        _admin = await _app.UserAsync("ada@example.com", "Ada Admin", Role.Admin);
        var access = _app.Get<IncidentAccessCommands>();
        Assert.True((await access.AddMemberAsync(TestServices.Owner, _incident, _member.UserId!)).Succeeded);
        Assert.True((await access.SetPrivateAsync(TestServices.Owner, _incident, true)).Succeeded);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Hidden_is_exactly_not_visible_for_every_kind_of_viewer()
    {
        await using var db = _app.Database.CreateDbContext();
        var all = await db.Incidents.Select(i => i.Id).ToListAsync();
        foreach (var viewer in new[] { _outsider, _member, _admin, TestServices.Owner })
        {
            var visible = await db.Incidents.VisibleTo(viewer).Select(i => i.Id).ToListAsync();
            var hidden = await db.Incidents.HiddenFrom(viewer).Select(i => i.Id).ToListAsync();
            var kept = await db.Incidents.Select(i => new { IncidentId = i.Id }).OutsideHiddenIncidents(db.Incidents, viewer, r => r.IncidentId).Select(r => r.IncidentId).ToListAsync();
            Assert.Empty(visible.Intersect(hidden));
            Assert.Equal(all.Order(), visible.Concat(hidden).Order());
            Assert.Equal(visible.Order(), kept.Order());
        }
        Assert.Equal([_incident], await db.Incidents.HiddenFrom(_outsider).Select(i => i.Id).ToListAsync());
    }

    [Fact]
    public async Task The_incidents_list_and_its_search_leave_it_out()
    {
        var queries = _app.Get<IncidentQueries>();
        Assert.DoesNotContain((await queries.ListAsync(_outsider, new IncidentListQuery(PageSize: 200))).Items, i => i.Slug == Cloudflare);
        Assert.Equal(0, (await queries.ListAsync(_outsider, new IncidentListQuery(Search: "bot management"))).Total);
        Assert.Equal(1, (await queries.ListAsync(_member, new IncidentListQuery(Search: "bot management"))).Total);
        Assert.Equal(1, (await queries.ListAsync(_admin, new IncidentListQuery(Search: "bot management"))).Total);
    }

    [Fact]
    public async Task The_incident_page_and_its_tabs_find_nothing()
    {
        Assert.Null(await _app.Get<IncidentQueries>().GetAsync(_outsider, Cloudflare));
        Assert.Null(await _app.Get<IncidentQueries>().GetForEditAsync(_outsider, Cloudflare));
        Assert.Null(await _app.Get<TimelineQueries>().GetAsync(_outsider, _incident));
        Assert.Null(await _app.Get<ImpactQueries>().GetAsync(_outsider, _incident));
        var seen = await _app.Get<IncidentQueries>().GetAsync(_member, Cloudflare);
        Assert.True(seen!.IsPrivate);
        Assert.Contains(seen.Participants, p => p.DisplayName == "Mia Member" && p.Role == IncidentRole.Member);
        Assert.NotNull(await _app.Get<TimelineQueries>().GetAsync(_admin, _incident));
    }

    [Fact]
    public async Task The_postmortem_summary_and_their_exports_find_nothing()
    {
        var postmortems = _app.Get<PostmortemQueries>();
        Assert.Null(await postmortems.GetAsync(_outsider, Cloudflare));
        Assert.Null(await postmortems.GetRecordAsync(_outsider, _incident));
        Assert.Null(await _app.Get<PostmortemFiles>().ExportMarkdownAsync(_outsider, Cloudflare));
        Assert.Empty((await _app.Get<ActionQueries>().ListAsync(_outsider, new ActionQuery(IncidentId: _incident))).Items);
        Assert.NotNull(await _app.Get<PostmortemFiles>().ExportMarkdownAsync(_member, Cloudflare));
        Assert.NotNull(await postmortems.GetRecordAsync(_member, _incident));
    }

    [Fact]
    public async Task The_actions_page_its_counts_and_its_csv_leave_out_its_actions()
    {
        var actions = _app.Get<ActionQueries>();
        var all = new ActionQuery(PageSize: 500);
        var mine = await actions.ListAsync(_member, all);
        var theirs = await actions.ListAsync(_outsider, all);
        var hidden = mine.Items.Count(a => a.IncidentSlug == Cloudflare);
        Assert.True(hidden > 0);
        Assert.Equal(mine.Total - hidden, theirs.Total);
        Assert.DoesNotContain(theirs.Items, a => a.IncidentSlug == Cloudflare);
        Assert.DoesNotContain(await actions.ExportAsync(_outsider, all), a => a.IncidentSlug == Cloudflare);
        Assert.DoesNotContain(await actions.IncidentChoicesAsync(_outsider, "bot management"), c => c.Id == _incident);
        Assert.Null(await actions.IncidentChoiceAsync(_outsider, _incident));
        var counted = await actions.SummaryAsync(_member, new ActionQuery());
        var outsiderCounted = await actions.SummaryAsync(_outsider, new ActionQuery());
        var hiddenUnfinished = mine.Items.Count(a => a.IncidentSlug == Cloudflare && a.Status is ActionStatus.Open or ActionStatus.InProgress);
        Assert.True(hiddenUnfinished > 0);
        Assert.Equal(counted.Open + counted.InProgress - hiddenUnfinished, outsiderCounted.Open + outsiderCounted.InProgress);
    }

    [Fact]
    public async Task Service_history_and_incident_counts_leave_it_out()
    {
        var catalog = _app.Get<ServiceCatalogQueries>();
        var fl2 = (await catalog.ListAsync(_admin, "cf-fl2-proxy", includeArchived: true)).Items.Single();
        var fl2Outsider = (await catalog.ListAsync(_outsider, "cf-fl2-proxy", includeArchived: true)).Items.Single();
        Assert.Equal(fl2.IncidentCount - 1, fl2Outsider.IncidentCount);
        Assert.Contains((await catalog.HistoryAsync(_member, fl2.Id, null)).Incidents, r => r.Slug == Cloudflare);
        Assert.DoesNotContain((await catalog.HistoryAsync(_outsider, fl2.Id, null)).Incidents, r => r.Slug == Cloudflare);
    }

    [Fact]
    public async Task Review_aggregates_leave_it_out()
    {
        var review = _app.Get<ReviewQueries>();
        var member = await review.GetAsync(_member, November18);
        var outsider = await review.GetAsync(_outsider, November18);
        Assert.Equal(1, member.Incidents);
        Assert.Equal(0, outsider.Incidents);
        Assert.Empty(outsider.IncidentList);
        Assert.Equal(0, outsider.ImpactMinutes);
        var allTime = await review.GetAsync(_outsider, new ReviewQuery());
        var allTimeAdmin = await review.GetAsync(_admin, new ReviewQuery());
        Assert.Equal(allTimeAdmin.Incidents - 1, allTime.Incidents);
        Assert.True(allTime.Actions.Total < allTimeAdmin.Actions.Total);
    }

    [Fact]
    public async Task The_audit_trail_shows_its_history_only_to_those_who_see_it()
    {
        var audit = _app.Get<AuditQueries>();
        Assert.Empty((await audit.ListAsync(_outsider, new AuditQuery(IncidentId: _incident))).Items);
        Assert.Empty((await audit.ListAsync(_outsider, new AuditQuery(IncidentSlug: Cloudflare))).Items);
        var seen = await audit.ListAsync(_member, new AuditQuery(IncidentId: _incident, PageSize: 200));
        Assert.Contains(seen.Items, e => e.Action == "incident.made_private");
        Assert.Contains(seen.Items, e => e.Action == "incident.member_added");
        // Below admin, entries about accounts are not shown at all.
        Assert.DoesNotContain((await audit.ListAsync(_member, new AuditQuery(PageSize: 200))).Items, e => e.EntityType == "user");
    }

    [Fact]
    public async Task Live_changes_reach_only_circuits_that_may_see_it()
    {
        var bus = _app.Get<ChangeBus>();
        var outsider = new List<Change>();
        var member = new List<Change>();
        var admin = new List<Change>();
        using var a = bus.Subscribe(ChangeScope.Incident(_incident), _outsider, outsider.Add);
        using var b = bus.Subscribe(ChangeScope.Actions, _outsider, outsider.Add);
        using var c = bus.Subscribe(ChangeScope.Incident(_incident), _member, member.Add);
        using var d = bus.Subscribe(ChangeScope.Actions, _admin, admin.Add);

        var added = await _app.Get<TimelineCommands>().AddAsync(TestServices.Owner, _incident,
            new EventInput { OccurredAt = "2025-11-18 12:00", Text = "A private note", Kind = EventKind.Note });
        Assert.True(added.Succeeded);
        var action = await _app.Get<ActionCommands>().CreateAsync(TestServices.Owner, _incident, new ActionInput { Title = "Private follow-up" });
        Assert.True(action.Succeeded);

        Assert.Empty(outsider);
        Assert.NotEmpty(member);
        Assert.Contains(admin, ch => ch.Action == "action.created");
    }

    [Fact]
    public async Task The_door_refuses_writes_from_responders_who_cannot_see_it_without_confirming_it_exists()
    {
        var result = await _app.Get<TimelineCommands>().AddAsync(_outsider, _incident,
            new EventInput { OccurredAt = "2025-11-18 12:00", Text = "Should not land", Kind = EventKind.Note });
        Assert.Equal(Outcome.NotFound, result.Outcome);
        Assert.Equal(Outcome.NotFound, (await _app.Get<IncidentAccessCommands>().SetPrivateAsync(_outsider, _incident, false)).Outcome);
        Assert.Null(await _app.Get<IncidentQueries>().GetAsync(_outsider, Cloudflare));
    }

    [Fact]
    public async Task Making_it_public_again_shows_it_everywhere_and_is_audited()
    {
        Assert.True((await _app.Get<IncidentAccessCommands>().SetPrivateAsync(_member with { Role = Role.Responder }, _incident, false)).Succeeded);
        Assert.NotNull(await _app.Get<IncidentQueries>().GetAsync(_outsider, Cloudflare));
        var entry = (await _app.Get<AuditQueries>().ListAsync(_admin, new AuditQuery(Action: "incident.made_public"))).Items.Single();
        Assert.Equal("mia@example.com", entry.Actor);
    }

    [Fact]
    public async Task A_responder_who_declares_a_private_incident_becomes_its_member()
    {
        var input = new IncidentInput { Title = "Credential leak", Organisation = "Us", Summary = "Keys found in a public repository.", Started = "2026-11-30 09:00", IsPrivate = true };
        var created = await _app.Get<IncidentCommands>().CreateAsync(_outsider, input);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        var detail = await _app.Get<IncidentQueries>().GetAsync(_outsider, created.Key!);
        Assert.True(detail!.IsPrivate);
        Assert.Null(await _app.Get<IncidentQueries>().GetAsync(_member, created.Key!));
    }
}

public sealed class PrivateIncidentTestsOnPostgreSql : PrivateIncidentTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
