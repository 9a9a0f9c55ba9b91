using Dashboard.Data.Incidents;
using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.StatusPages;

/// <summary>Status pages and public updates on a real, migrated, seeded database: the door's rules, the audit, and the snapshot the public edge serves.</summary>
public class StatusPageDataTests() : DataTest(seed: true)
{
    private StatusPageCommands Pages => App.Get<StatusPageCommands>();
    private StatusUpdateCommands Updates => App.Get<StatusUpdateCommands>();
    private StatusSnapshots Snapshots => App.Get<StatusSnapshots>();
    private static readonly Actor Owner = TestServices.Owner;

    private async Task<int> ServiceIdAsync(string key)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.Services.Where(s => s.Key == key).Select(s => s.Id).SingleAsync();
    }

    private async Task<PageSnapshot> SnapshotAsync(string key = "public")
    {
        Assert.True(await Snapshots.RebuildAsync());
        return Snapshots.Find(key)!;
    }

    [Fact]
    public async Task An_admin_creates_a_page_with_catalog_components_under_public_names_and_it_is_audited_while_a_responder_is_refused()
    {
        var responder = await App.UserAsync("rita@example.com", "Rita Responder", Role.Responder);

        Assert.Equal(Outcome.Forbidden, (await Pages.CreateAsync(responder, StatusPageRig.Page())).Outcome);
        var made = await Pages.CreateAsync(Owner, StatusPageRig.Page());

        Assert.True(made.Succeeded, string.Join("; ", made.Errors.Values));
        var row = (await App.Get<StatusPageQueries>().GetAsync(Owner, "public"))!;
        Assert.Equal(["Public workers-kv", "Public access"], row.Components.Select(c => c.DisplayName));
        Assert.All(row.Components, c => Assert.False(string.IsNullOrEmpty(c.Group)));
        await using var db = App.Database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.StatusPageCreated);
        Assert.Equal(("public", Owner.Name), (audit.EntityKey, audit.Actor));
    }

    [Fact]
    public async Task A_bad_page_is_refused_naming_each_field()
    {
        var result = await Pages.CreateAsync(Owner, StatusPageRig.Page() with
        {
            Key = "Not A Key", Name = "", Audience = StatusAudience.Restricted, Roles = [], LogoUrl = "javascript:alert(1)",
            EmbedOrigins = ["https://ok.example.com/path"], Components = [new StatusComponentInput("no-such-service", null)],
        });

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Equal(["Components[0]", "EmbedOrigins", "Key", "LogoUrl", "Name", "Roles"], result.Errors.Keys.Order());
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        Assert.Equal("Another page has the address 'public'.", (await Pages.CreateAsync(Owner, StatusPageRig.Page())).Errors["Key"]);
    }

    [Fact]
    public async Task A_responder_drafts_but_only_the_communications_lead_or_an_admin_publishes()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        var responder = await App.UserAsync("rita@example.com", "Rita Responder", Role.Responder);
        var lead = await App.UserAsync("cora@example.com", "Cora Comms", Role.Responder);
        var incident = await App.Provider.IncidentAsync("KV errors");
        Assert.True((await App.Get<IncidentAccessCommands>().AssignRoleAsync(Owner, incident, IncidentRole.CommsLead, lead.UserId)).Succeeded);

        var draft = await Updates.DraftAsync(responder, incident, StatusPageRig.Update());
        Assert.True(draft.Succeeded, string.Join("; ", draft.Errors.Values));

        Assert.Equal(Outcome.Forbidden, (await Updates.PublishAsync(responder, draft.Id!.Value, ["public"])).Outcome);
        Assert.Empty((await SnapshotAsync()).Incidents);
        Assert.True((await Updates.PublishAsync(lead, draft.Id!.Value, ["public"])).Succeeded);

        var shown = Assert.Single((await SnapshotAsync()).Incidents);
        Assert.Equal(("Elevated errors on the key-value store", PublicState.Investigating, "major"), (shown.Name, shown.State, shown.Impact));
        await using var db = App.Database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.StatusUpdatePublished);
        Assert.Equal((lead.Name, incident), (audit.Actor, audit.IncidentId));
        Assert.Equal(Outcome.Invalid, (await Updates.EditDraftAsync(lead, draft.Id!.Value, draft.Version!.Value, StatusPageRig.Update())).Outcome);
    }

    [Fact]
    public async Task Components_take_their_state_from_published_updates_only_and_the_page_its_worst()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        var incident = await App.Provider.IncidentAsync("KV errors");
        await Updates.DraftAsync(Owner, incident, StatusPageRig.Update(level: ImpactLevel.MajorOutage, service: "cf-access"));
        var before = await SnapshotAsync();
        Assert.All(before.Components, c => Assert.Equal("operational", c.Status));
        Assert.Equal(("none", "All Systems Operational"), (before.Indicator, before.Description));

        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(level: ImpactLevel.PartialOutage));
        var during = await SnapshotAsync();
        Assert.Equal(["partial_outage", "operational"], during.Components.Select(c => c.Status));
        Assert.Equal(("major", "Partial System Outage"), (during.Indicator, during.Description));

        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(state: PublicState.Resolved, body: "Fixed."));
        var after = await SnapshotAsync();
        Assert.All(after.Components, c => Assert.Equal("operational", c.Status));
        var incidentShown = Assert.Single(after.Incidents);
        Assert.Equal(["Fixed.", "We are investigating elevated error rates."], incidentShown.Updates.Select(u => u.Body));
        Assert.NotNull(incidentShown.ResolvedAt);
    }

    [Fact]
    public async Task Open_impact_windows_drive_the_colour_only_when_the_page_says_so()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        await Pages.CreateAsync(Owner, StatusPageRig.Page("coloured") with { ImpactDrivesColour = true });
        var incident = await App.Provider.IncidentAsync("KV errors");
        await App.Provider.ImpactAsync(incident, await ServiceIdAsync("cf-access"), ImpactLevel.MajorOutage, "2026-01-15 08:00", null);
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(level: ImpactLevel.Degraded), "public", "coloured");

        Assert.Equal(["degraded_performance", "operational"], (await SnapshotAsync()).Components.Select(c => c.Status));
        Assert.Equal(["degraded_performance", "major_outage"], (await SnapshotAsync("coloured")).Components.Select(c => c.Status));
    }

    [Fact]
    public async Task Uptime_bars_charge_published_impact_windows_weighted_by_level_as_the_error_budgets_do()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        var kv = await ServiceIdAsync("cf-workers-kv");
        await using (var db = App.Database.CreateDbContext())
            await db.Services.Where(s => s.Id == kv).ExecuteUpdateAsync(s => s.SetProperty(x => x.WeightPartialOutage, 0.5));
        var published = await App.Provider.IncidentAsync("KV errors");
        // 288 minutes of partial outage on 14 January: 144 weighted minutes, a tenth of the day.
        await App.Provider.ImpactAsync(published, kv, ImpactLevel.PartialOutage, "2026-01-14 01:00", "2026-01-14 05:48");
        await App.Provider.PublishedAsync(published, StatusPageRig.Update());
        var unpublished = await App.Provider.IncidentAsync("Never told");
        await App.Provider.ImpactAsync(unpublished, kv, ImpactLevel.MajorOutage, "2026-01-13 00:00", "2026-01-13 12:00");

        var component = (await SnapshotAsync()).Components[0];

        Assert.Equal(PageSnapshot.Days, component.Days.Count);
        Assert.Equal(new DateOnly(2026, 1, 15), component.Days[^1].Date);
        var day = component.Days.Single(d => d.Date == new DateOnly(2026, 1, 14));
        Assert.Equal(0.9, day.Uptime, 6);
        Assert.Equal(ImpactLevel.PartialOutage, day.Worst);
        Assert.Equal(["Elevated errors on the key-value store"], day.Incidents);
        var thirteenth = component.Days.Single(d => d.Date == new DateOnly(2026, 1, 13));
        Assert.Equal((1.0, (ImpactLevel?)null), (thirteenth.Uptime, thirteenth.Worst)); // an incident never published leaves no trace
        var minutes = 89 * 1440 + 9 * 60; // 89 whole days and today until 09:00
        Assert.Equal(1 - 144.0 / minutes, component.Uptime, 9);
    }

    [Fact]
    public async Task A_correction_replaces_the_text_shows_when_it_was_made_and_is_audited()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        var incident = await App.Provider.IncidentAsync("KV errors");
        var id = await App.Provider.PublishedAsync(incident, StatusPageRig.Update(body: "We are investigating elevated error rates in Europe."));
        var version = (await App.Get<StatusPageQueries>().UpdateAsync(Owner, id))!.Version;

        var corrected = await Updates.CorrectAsync(Owner, id, version, "Elevated errors on the key-value store", "We are investigating elevated error rates in North America.");

        Assert.True(corrected.Succeeded);
        var update = Assert.Single(Assert.Single((await SnapshotAsync()).Incidents).Updates);
        Assert.Equal(("We are investigating elevated error rates in North America.", FixedClock.Default.GetUtcNow().UtcDateTime), (update.Body, update.CorrectedAt));
        await using var db = App.Database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.StatusUpdateCorrected);
        Assert.Contains("Europe", audit.Changes);
        Assert.Contains("North America", audit.Changes);
        Assert.Equal(Outcome.Conflict, (await Updates.CorrectAsync(Owner, id, version, "t", "again")).Outcome);
    }

    [Fact]
    public async Task A_private_incident_published_nowhere_and_the_internal_timeline_of_a_published_one_never_reach_a_snapshot()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        var kv = await ServiceIdAsync("cf-workers-kv");
        var secret = await App.Provider.IncidentAsync("PRIVATE-breach-investigation", isPrivate: true);
        await App.Provider.ImpactAsync(secret, kv, ImpactLevel.MajorOutage, "2026-01-14 00:00", "2026-01-14 06:00");
        await Updates.DraftAsync(Owner, secret, StatusPageRig.Update(title: "DRAFT-title-of-private", body: "DRAFT-body-of-private"));
        var published = await App.Provider.IncidentAsync("INTERNAL-TITLE-of-published");
        await App.Provider.PublishedAsync(published, StatusPageRig.Update());
        await Updates.DraftAsync(Owner, published, StatusPageRig.Update(body: "UNPUBLISHED-draft-body"));

        var text = StatusPageRig.Text(await SnapshotAsync());

        Assert.Contains("Elevated errors on the key-value store", text);
        foreach (var hidden in new[] { "PRIVATE-breach", "DRAFT-", StatusPageRig.Secret, "INTERNAL-TITLE", "UNPUBLISHED", "cf-workers-kv", "Workers KV", "olivia", "Olivia", "@example.com", $"i{secret}\"" })
            Assert.DoesNotContain(hidden, text);
        Assert.All((await SnapshotAsync()).Components[0].Days, d => Assert.Equal(1.0, d.Uptime));
    }

    [Fact]
    public async Task The_preview_shows_the_incident_as_the_page_will_without_publishing_it()
    {
        await Pages.CreateAsync(Owner, StatusPageRig.Page());
        var incident = await App.Provider.IncidentAsync("KV errors");
        var draft = await Updates.DraftAsync(Owner, incident, StatusPageRig.Update());
        var viewer = Actor.Person("vic@example.com", Role.Viewer) with { UserId = "nobody" };

        var (page, shown) = Assert.Single(await Snapshots.PreviewAsync(Owner, draft.Id!.Value, ["public"]));

        Assert.Equal("public", page.Key);
        Assert.Equal("We are investigating elevated error rates.", Assert.Single(shown.Updates).Body);
        Assert.Equal(["Public workers-kv"], shown.Components.Select(c => c.Name));
        Assert.Empty((await SnapshotAsync()).Incidents);
        await App.Get<IncidentAccessCommands>().SetPrivateAsync(Owner, incident, true);
        Assert.Empty(await Snapshots.PreviewAsync(viewer, draft.Id!.Value, ["public"]));
    }

    [Fact]
    public async Task A_restricted_page_may_admit_OIDC_groups_instead_of_roles_and_a_bad_group_name_is_refused()
    {
        var bad = await Pages.CreateAsync(Owner, StatusPageRig.Page("team", StatusAudience.Restricted) with { Roles = [], Groups = ["support\nteam"] });
        Assert.Equal(["Groups"], bad.Errors.Keys);
        Assert.Equal(["Roles"], (await Pages.CreateAsync(Owner, StatusPageRig.Page("team", StatusAudience.Restricted) with { Roles = [], Groups = [] })).Errors.Keys);

        Assert.True((await Pages.CreateAsync(Owner, StatusPageRig.Page("team", StatusAudience.Restricted) with { Roles = [], Groups = ["support-team", "SRE Europe"] })).Succeeded);

        Assert.Equal(["support-team", "SRE Europe"], (await App.Get<StatusPageQueries>().GetAsync(Owner, "team"))!.Groups);
        var page = (await SnapshotAsync("team")).Page;
        Assert.True(page.Admits(Role.Viewer, ["staff", "SRE Europe"]));
        Assert.False(page.Admits(Role.Responder, ["sre europe", "staff"])); // group names match exactly, as the provider sends them
        Assert.True(page.Admits(Role.Admin, []));
    }
}

public sealed class StatusPageDataTestsOnPostgreSql : StatusPageDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
