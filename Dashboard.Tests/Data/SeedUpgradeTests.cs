using Dashboard.Data.Actions;
using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;
using Dashboard.Data.Seeding;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data.Graph;

namespace Dashboard.Tests.Data;

/// <summary>
/// A database seeded by the first release (its seed folder, kept in Fixtures/first-release-seed: four incidents,
/// a catalog without the services of 5 December 2025), then used, then started with today's seed folder.
/// </summary>
public class SeedUpgradeTests() : DataTest(seed: false)
{
    public static string FirstReleaseSeed => Path.Combine(RepoPaths.Root, "Dashboard.Tests", "Fixtures", "first-release-seed");

    private const string CrowdStrike = "2024-07-19-crowdstrike-channel-file-291";
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private const string December = "2025-12-05-cloudflare-waf-killswitch";

    private int _own;

    private async Task SeedFirstReleaseAndUseItAsync()
    {
        await App.Get<Seeder>().RunAsync(FirstReleaseSeed);
        Assert.Empty(App.Get<SeedReport>().Rejected);

        var owner = TestServices.Owner;
        var own = await App.Get<IncidentCommands>().CreateAsync(owner, new IncidentInput
        {
            Title = "Checkout latency spike", Organisation = "Payments", Severity = Severity.Sev2, Status = IncidentStatus.Monitoring,
            Started = "2026-01-10 08:00", Summary = "p99 latency of checkout rose to 4 s.",
        });
        Assert.True(own.Succeeded, string.Join("; ", own.Errors.Values));
        _own = own.Id!.Value;
        Assert.True((await App.Get<TimelineCommands>().AddAsync(owner, own.Id!.Value, new EventInput { OccurredAt = "08:05", Text = "Pager fired" })).Succeeded);
        Assert.True((await App.Get<ActionCommands>().CreateAsync(owner, own.Id!.Value, new ActionInput { Title = "Alert on p99", Priority = ActionPriority.P2, Kind = ActionKind.Detect })).Succeeded);
        // The user's own follow-up and note on a seeded incident.
        var cloudflare = await App.IncidentIdAsync(Cloudflare);
        Assert.True((await App.Get<TimelineCommands>().AddAsync(owner, cloudflare, new EventInput { OccurredAt = "12:00", Text = "Our CDN failover kicked in" })).Succeeded);
        Assert.True((await App.Get<ActionCommands>().CreateAsync(owner, cloudflare, new ActionInput { Title = "Second CDN for the shop", Priority = ActionPriority.P1, Kind = ActionKind.Mitigate })).Succeeded);

        // A user rewrites the summary of a seeded incident whose summary, root cause and phases today's seed corrects.
        var crowdstrike = await LoadAsync(CrowdStrike);
        var edit = IncidentInput.From(crowdstrike);
        edit.Summary = "Our own summary, written after the review.";
        Assert.True((await App.Get<IncidentCommands>().UpdateAsync(owner, crowdstrike.Id, crowdstrike.Version, edit)).Succeeded);

        // And the description of a seeded service whose description today's catalog changes.
        int fl2;
        await using (var db = App.Database.CreateDbContext()) fl2 = await db.Services.Where(s => s.Key == "cf-fl2-proxy").Select(s => s.Id).SingleAsync();
        var (_, version, service) = (await App.Get<ServiceCatalogQueries>().GetForEditAsync(fl2))!.Value;
        service.Description = "Our notes on FL2.";
        Assert.True((await App.Get<ServiceCatalogCommands>().UpdateAsync(owner, fl2, version, service)).Succeeded);
    }

    private async Task<Incident> LoadAsync(string slug) => await LoadAsync(await App.IncidentIdAsync(slug));

    private async Task<Incident> LoadAsync(int id)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.Incidents.AsNoTracking().Include(i => i.Sources).Include(i => i.Actions).Include(i => i.Events).SingleAsync(i => i.Id == id);
    }

    [Fact]
    public async Task Todays_seed_brings_new_services_and_the_December_incident_to_a_first_release_database()
    {
        await SeedFirstReleaseAndUseItAsync();
        await using (var db = App.Database.CreateDbContext())
            Assert.False(await db.Services.AnyAsync(s => s.Key == "cf-waf" || s.Key == "cf-global-config"));

        await App.Get<Seeder>().RunAsync(RepoPaths.SeedData);

        var report = App.Get<SeedReport>();
        Assert.Empty(report.Rejected);
        Assert.Equal(SeedOutcome.Upgraded, report.Files.Single(f => f.FileName == "services.json").Outcome);
        await using var check = App.Database.CreateDbContext();
        Assert.Equal(2, await check.Services.CountAsync(s => s.Key == "cf-waf" || s.Key == "cf-global-config"));
        Assert.True(await check.ServiceDependencies.AnyAsync(d => d.Service!.Key == "cf-waf"));
        var december = await LoadAsync(December);
        Assert.NotEmpty(december.Events);
        // Every seed incident of today is there, beside the user's own.
        var slugs = await check.Incidents.Select(i => i.Slug).ToListAsync();
        Assert.Equal(7, slugs.Count);
        Assert.Contains("2025-10-09-azure-front-door", slugs);
        // The upgrade is audited as the seed, not as a person.
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Actor == "seed" && a.Action == "service.created" && a.EntityKey == "cf-waf"));
    }

    [Fact]
    public async Task Todays_seed_corrects_seeded_facts_and_keeps_what_users_wrote()
    {
        await SeedFirstReleaseAndUseItAsync();
        var ownBefore = await LoadAsync(_own);
        var cloudflareBefore = await LoadAsync(Cloudflare);
        var firstReleaseCrowdStrike = await LoadAsync(CrowdStrike);

        await App.Get<Seeder>().RunAsync(RepoPaths.SeedData);

        // The user's own incident, its event and follow-up, untouched.
        var own = await LoadAsync(_own);
        Assert.Equal(ownBefore.Version, own.Version);
        Assert.Equal(["Pager fired"], own.Events.Select(e => e.Text));
        Assert.Equal(["Alert on p99"], own.Actions.Select(a => a.Title));

        // The summary the user wrote stays; the root cause and phases, which nobody edited, follow today's seed.
        var crowdstrike = await LoadAsync(CrowdStrike);
        Assert.Equal("Our own summary, written after the review.", crowdstrike.Summary);
        Assert.NotEqual(firstReleaseCrowdStrike.RootCause, crowdstrike.RootCause);
        Assert.True(await SeedCorrectedAsync(CrowdStrike, "RootCause"));
        Assert.False(await SeedCorrectedAsync(CrowdStrike, "Summary"));

        // Cloudflare 18 Nov: the user's event and follow-up stay; today's four follow-ups and new sources arrive.
        var cloudflare = await LoadAsync(Cloudflare);
        Assert.Contains(cloudflare.Events, e => e.Text == "Our CDN failover kicked in");
        Assert.Equal(cloudflareBefore.Events.Count, cloudflare.Events.Count);
        Assert.Contains(cloudflare.Actions, a => a.Title == "Second CDN for the shop");
        Assert.Equal(cloudflareBefore.Actions.Count + 4, cloudflare.Actions.Count);
        Assert.Contains(cloudflare.Sources, s => s.Url == "https://blog.cloudflare.com/5-december-2025-outage/");

        // The user's service description stays; another seeded service's description and SLO are corrected.
        await using var db = App.Database.CreateDbContext();
        Assert.Equal("Our notes on FL2.", await db.Services.Where(s => s.Key == "cf-fl2-proxy").Select(s => s.Description).SingleAsync());
        var fl = await db.Services.SingleAsync(s => s.Key == "cf-fl-proxy");
        Assert.Contains("FL1", fl.Description);
        Assert.NotNull(fl.SloTarget);

        // A second start finds nothing left to do.
        await App.Get<Seeder>().RunAsync(RepoPaths.SeedData);
        Assert.All(App.Get<SeedReport>().Files, f => Assert.Equal(SeedOutcome.AlreadyImported, f.Outcome));
    }

    [Fact]
    public async Task A_follow_up_a_user_deleted_is_not_brought_back()
    {
        await App.Get<Seeder>().RunAsync(FirstReleaseSeed);
        var cloudflare = await LoadAsync(Cloudflare);
        var doomed = cloudflare.Actions.OrderBy(a => a.Id).First();
        Assert.True((await App.Get<ActionCommands>().DeleteAsync(TestServices.Owner, doomed.Id, doomed.Version)).Succeeded);

        await App.Get<Seeder>().RunAsync(RepoPaths.SeedData);

        var after = await LoadAsync(Cloudflare);
        Assert.DoesNotContain(after.Actions, a => a.Title == doomed.Title);
        Assert.Contains(after.Actions, a => a.Title == "Review the global configuration system");
    }

    [Fact]
    public async Task An_incident_edited_where_the_audit_trail_does_not_say_what_changed_is_left_whole()
    {
        await App.Get<Seeder>().RunAsync(FirstReleaseSeed);
        var id = await App.IncidentIdAsync(CrowdStrike);
        await using (var db = App.Database.CreateDbContext())
        {
            // As a release older than the audit trail left an edit: the row changed, no entry says who or what.
            var incident = await db.Incidents.SingleAsync(i => i.Id == id);
            incident.RootCause = "Our own root cause.";
            incident.UpdatedAt = incident.CreatedAt.AddDays(1);
            await db.SaveChangesAsync();
        }
        var before = await LoadAsync(id);

        await App.Get<Seeder>().RunAsync(RepoPaths.SeedData);

        // Today's seed states a different summary, root cause and phases; none of them is taken.
        var after = await LoadAsync(id);
        Assert.Equal("Our own root cause.", after.RootCause);
        Assert.Equal(before.Summary, after.Summary);
        Assert.Equal((before.StartedAt, before.MitigatedAt, before.ResolvedAt), (after.StartedAt, after.MitigatedAt, after.ResolvedAt));
        Assert.False(await SeedCorrectedAsync(CrowdStrike, "Summary"));
    }

    [Fact]
    public async Task A_release_that_only_rewrites_seeded_postmortems_brings_them_to_a_seeded_database_but_keeps_one_a_user_saved()
    {
        await App.Get<Seeder>().RunAsync(RepoPaths.SeedData);
        var crowdstrike = await App.IncidentIdAsync(CrowdStrike);
        var postmortems = App.Get<Dashboard.Data.Postmortems.PostmortemQueries>();
        var version = (await postmortems.GetAsync(TestServices.Owner, crowdstrike))!.Version;
        Assert.True((await App.Get<Dashboard.Data.Postmortems.PostmortemCommands>().SaveAsync(TestServices.Owner, crowdstrike, version, "# Our own postmortem\n")).Succeeded);
        // The next release's seed folder: the same JSON files, two postmortems with a new paragraph.
        var folder = Directory.CreateTempSubdirectory("ib-seed-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.SeedData)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            const string added = "\n## Added by a later release\n\nA paragraph the next release adds.\n";
            foreach (var name in new[] { "2025-11-18-cloudflare.postmortem.md", "2024-07-19-crowdstrike.postmortem.md" })
                await File.AppendAllTextAsync(Path.Combine(folder, name), added);

            await App.Get<Seeder>().RunAsync(folder);

            Assert.EndsWith(added, (await postmortems.GetAsync(Actor.System, Cloudflare))!.Markdown);
            Assert.Equal("# Our own postmortem\n", (await postmortems.GetAsync(Actor.System, crowdstrike))!.Markdown);
            Assert.Equal(SeedOutcome.Upgraded, App.Get<SeedReport>().Files.Single(f => f.FileName == "2025-11-18-cloudflare.json").Outcome);
            // Taken in once: the next start has nothing to do.
            await App.Get<Seeder>().RunAsync(folder);
            Assert.All(App.Get<SeedReport>().Files, f => Assert.Equal(SeedOutcome.AlreadyImported, f.Outcome));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Whether the seed's audit entries on the incident name <paramref name="field"/>.</summary>
    private async Task<bool> SeedCorrectedAsync(string slug, string field)
    {
        await using var db = App.Database.CreateDbContext();
        var changes = await db.AuditEntries.Where(a => a.IncidentSlug == slug && a.Actor == "seed").Select(a => a.Changes).ToListAsync();
        return changes.Any(c => c != null && c.Contains($"\"{field}\"", StringComparison.Ordinal));
    }
}

public sealed class SeedUpgradeTestsOnPostgreSql : SeedUpgradeTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
