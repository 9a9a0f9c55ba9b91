using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Factors;
using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Factors;

/// <summary>Contributing factors on a real database: the seeded ones, the door's rules for writing them, and their reach.</summary>
public class FactorTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly Actor Ana = Actor.Person("ana", Role.Responder);

    private FactorCommands Commands => App.Get<FactorCommands>();
    private FactorQueries Queries => App.Get<FactorQueries>();

    private async Task<int> IdOfAsync(string slug)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    private async Task<(int EventId, int ActionId, int OtherEventId)> RowsAsync(int incidentId)
    {
        await using var db = App.Database.CreateDbContext();
        var ev = await db.TimelineEvents.Where(e => e.IncidentId == incidentId).OrderBy(e => e.OccurredAt).Select(e => e.Id).FirstAsync();
        var action = await db.RemediationActions.Where(a => a.IncidentId == incidentId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var other = await db.TimelineEvents.Where(e => e.IncidentId != incidentId).Select(e => e.Id).FirstAsync();
        return (ev, action, other);
    }

    [Fact]
    public async Task Every_seeded_outage_has_at_least_two_factors_with_evidence_from_its_own_timeline()
    {
        await using var db = App.Database.CreateDbContext();
        var incidents = await db.Incidents.Select(i => new { i.Id, i.Slug }).ToListAsync();
        Assert.Equal(6, incidents.Count);
        foreach (var incident in incidents)
        {
            var factors = await Queries.ListAsync(Actor.System, incident.Id);
            Assert.True(factors.Count >= 2, $"{incident.Slug} has {factors.Count} factors");
            Assert.All(factors, f => Assert.Contains(f.Category, FactorOptions.DefaultCategories));
            Assert.All(factors, f => Assert.NotEmpty(f.Evidence));
        }
        var cloudflare = await Queries.ListAsync(Actor.System, incidents.Single(i => i.Slug == Cloudflare).Id);
        var first = cloudflare[0];
        Assert.Equal("change", first.Category);
        Assert.Equal(new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc), Assert.Single(first.Evidence).OccurredAt);
        Assert.Contains(first.Actions, a => a.Title == "Enhanced Rollouts & Versioning for configuration");
    }

    [Fact]
    public async Task Adding_editing_and_removing_a_factor_goes_through_the_door_and_is_audited()
    {
        var id = await IdOfAsync(Cloudflare);
        var (eventId, actionId, _) = await RowsAsync(id);

        var added = await Commands.AddAsync(Ana, id, new FactorInput { Statement = " Runbook had no step for bypassing KV ", Category = "Process", EventIds = [eventId] });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
        var factor = (await Queries.ListAsync(Actor.System, id)).Single(f => f.Id == added.Id);
        Assert.Equal(("Runbook had no step for bypassing KV", "process"), (factor.Statement, factor.Category));
        Assert.Equal([eventId], factor.Evidence.Select(e => e.EventId));

        var edited = await Commands.UpdateAsync(Ana, id, factor.Id, factor.Version, new FactorInput { Statement = "Runbook gap", Category = "knowledge", ActionIds = [actionId] });
        Assert.True(edited.Succeeded);
        var stale = await Commands.UpdateAsync(Ana, id, factor.Id, factor.Version, new FactorInput { Statement = "Other", Category = "knowledge" });
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        factor = (await Queries.ListAsync(Actor.System, id)).Single(f => f.Id == added.Id);
        Assert.Empty(factor.Evidence);
        Assert.Equal([actionId], factor.Actions.Select(a => a.ActionId));

        Assert.True((await Commands.DeleteAsync(Ana, id, factor.Id, factor.Version)).Succeeded);
        Assert.DoesNotContain(await Queries.ListAsync(Actor.System, id), f => f.Id == factor.Id);

        await using var db = App.Database.CreateDbContext();
        var trail = await db.AuditEntries.Where(a => a.EntityType == "factor" && a.EntityKey == factor.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.FactorCreated, AuditActions.FactorUpdated, AuditActions.FactorDeleted], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal((id, "ana"), (a.IncidentId, a.Actor)));
        Assert.Contains("Evidence events", trail[1].Changes);
    }

    [Fact]
    public async Task A_category_off_the_list_and_evidence_of_another_incident_are_refused()
    {
        var id = await IdOfAsync(Cloudflare);
        var (_, _, otherEvent) = await RowsAsync(id);

        var category = await Commands.AddAsync(Ana, id, new FactorInput { Statement = "x", Category = "bad luck" });
        var foreign = await Commands.AddAsync(Ana, id, new FactorInput { Statement = "x", Category = "change", EventIds = [otherEvent] });
        var viewer = await Commands.AddAsync(Actor.Person("vic", Role.Viewer), id, new FactorInput { Statement = "x", Category = "change" });

        Assert.Contains("Choose one of: change, latent defect", category.Errors[nameof(FactorInput.Category)]);
        Assert.Equal(Outcome.Invalid, foreign.Outcome);
        Assert.True(foreign.Errors.ContainsKey(nameof(FactorInput.EventIds)));
        Assert.Equal(Outcome.Forbidden, viewer.Outcome);
    }

    [Fact]
    public async Task Deleting_an_event_takes_it_out_of_the_evidence_and_keeps_the_factor()
    {
        var id = await IdOfAsync(Cloudflare);
        var first = (await Queries.ListAsync(Actor.System, id))[0];
        var evidence = Assert.Single(first.Evidence);
        var timeline = (await App.Get<TimelineQueries>().GetAsync(Actor.System, id))!;
        var entry = timeline.Events.Single(e => e.Id == evidence.EventId);

        Assert.True((await App.Get<TimelineCommands>().DeleteAsync(Ana, id, entry.Id, entry.Version)).Succeeded);

        var after = (await Queries.ListAsync(Actor.System, id))[0];
        Assert.Equal(first.Id, after.Id);
        Assert.Empty(after.Evidence);
    }

    [Fact]
    public async Task A_private_incidents_factors_are_not_shown_or_written_by_someone_outside_it()
    {
        var id = await IdOfAsync(Cloudflare);
        var outsider = await App.UserAsync("vera@example.com", "Vera", Role.Responder);
        Assert.True((await App.Get<IncidentAccessCommands>().SetPrivateAsync(TestServices.Owner, id, true)).Succeeded);

        Assert.Empty(await Queries.ListAsync(outsider, id));
        Assert.Equal(Outcome.NotFound, (await Commands.AddAsync(outsider, id, new FactorInput { Statement = "x", Category = "change" })).Outcome);
        Assert.NotEmpty(await Queries.ListAsync(TestServices.Owner, id));
    }

    [Fact]
    public async Task The_factors_section_lists_each_factor_with_its_evidence_and_actions()
    {
        var id = await IdOfAsync(Cloudflare);
        var record = (await App.Get<PostmortemQueries>().GetRecordAsync(Actor.System, id))!;

        var expanded = GeneratedSections.Expand("## Contributing factors\n\n{{factors}}\n", record);

        Assert.Contains("1. **change**: A permissions change on the ClickHouse cluster", expanded);
        Assert.Contains("   - Evidence: 2025-11-18 11:05 ", expanded);
        Assert.Contains("   - Addressed by: Enhanced Rollouts & Versioning for configuration (Done)", expanded);
        Assert.True(QualityChecks.Run(record, PostmortemTemplate.Build("x").Replace("_Who was affected", "Everyone. _Who was affected")).Checks
            .Single(c => c.Key == "root-cause-impact").Passed);
    }
}

public sealed class FactorTestsOnPostgreSql : FactorTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
