using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Learning;

/// <summary>Links between incidents on real SQLite with the seed: commands, queries, seeding and the front matter.</summary>
public class IncidentLinkTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="IncidentLinkTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string November = "2025-11-18-cloudflare-bot-management";
    private const string December = "2025-12-05-cloudflare-waf-killswitch";
    private const string AzureOctober9 = "2025-10-09-azure-front-door";
    private const string AzureOctober29 = "2025-10-29-azure-front-door";
    private const string Aws = "2025-10-20-aws-us-east-1-dynamodb-dns";
    private static readonly Actor Responder = Actor.Person("rita@example.com", Role.Responder);
    private static readonly Actor Viewer = Actor.Person("vic@example.com", Role.Viewer);
    private TestServices _app = default!;
    private IncidentLinkCommands _commands = default!;
    private LearningQueries _queries = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _commands = _app.Get<IncidentLinkCommands>();
        _queries = _app.Get<LearningQueries>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<RelatedIncidents> RelatedAsync(string slug) => await _queries.RelatedAsync(Responder, await _app.IncidentIdAsync(slug));

    [Fact]
    public async Task The_seed_links_5_December_as_a_repeat_of_18_November_shown_from_both_ends()
    {
        var december = await RelatedAsync(December);
        var november = await RelatedAsync(November);

        Assert.Equal(("Repeats", November), (Assert.Single(december.Links).Label, december.Links[0].Slug));
        Assert.Equal(("Repeated by", December), (Assert.Single(november.Links).Label, november.Links[0].Slug));
        Assert.Empty(november.Repeats);
    }

    [Fact]
    public async Task The_18_November_follow_ups_were_all_still_open_when_5_December_started()
    {
        var repeat = Assert.Single((await RelatedAsync(December)).Repeats);

        // Four published follow-ups, the configuration-system review and the three prevention projects.
        Assert.Equal(new DateTime(2025, 12, 5, 8, 47, 0, DateTimeKind.Utc), repeat.RepeatStartedAt);
        Assert.Equal(8, repeat.AgreedBefore);
        Assert.Equal(8, repeat.Open.Count);
        // Cloudflare's 18 November postmortem says work on its follow-ups has already begun [CF1].
        Assert.Contains(repeat.Open, p => p.Title == "Add more global kill switches for features" && p.StatusAtRepeat == ActionStatus.InProgress && p.ClosedAt is null);
        Assert.Contains(repeat.Open, p => p.Title == "Review the global configuration system" && p.StatusAtRepeat == ActionStatus.InProgress);
        Assert.All(repeat.Open, p => Assert.Equal("Cloudflare", p.Owner));
    }

    [Fact]
    public async Task The_prevention_projects_of_the_5_December_postmortem_are_18_November_promises_open_at_the_repeat()
    {
        var repeat = Assert.Single((await RelatedAsync(December)).Repeats);

        // Planned after 18 November and not finished deploying at 08:47 on 5 December [CF5-1];
        // closed at Cloudflare's announcement that Code Orange was complete [CF5-5].
        string[] projects = ["Enhanced Rollouts & Versioning for configuration", "Streamlined break-glass capabilities", "\"Fail-open\" error handling in data-plane components"];
        var listed = repeat.Open.Where(p => projects.Contains(p.Title)).ToList();
        Assert.Equal(projects.Order(), listed.Select(p => p.Title).Order());
        Assert.All(listed, p => Assert.Equal(
            (ActionStatus.InProgress, new DateTime(2026, 5, 1, 21, 7, 30, DateTimeKind.Utc), ActionStatus.Done),
            (p.StatusAtRepeat, p.ClosedAt!.Value, p.ClosedAs!.Value)));
        // The 5 December incident keeps only its own two promises, the projects are not among them.
        await using var db = _app.Database.CreateDbContext();
        var december = await db.RemediationActions.AsNoTracking().Where(a => a.Incident!.Slug == December).OrderBy(a => a.Title).ToListAsync();
        Assert.Equal(["Lock down changes to the network until mitigation and rollback are better", "Publish a detailed breakdown of the resiliency projects"], december.Select(a => a.Title));
        Assert.Equal(new DateOnly(2025, 12, 12), december.Single(a => a.Title.StartsWith("Publish")).DueDate);
    }

    [Fact]
    public async Task The_seed_relates_9_October_to_29_October_although_its_file_comes_first_by_name()
    {
        var link = Assert.Single((await RelatedAsync(AzureOctober29)).Links);

        Assert.Equal(("Related to", AzureOctober9, true), (link.Label, link.Slug, link.Backward));
    }

    [Fact]
    public async Task A_link_is_added_audited_on_both_incidents_and_announced_to_both()
    {
        var aws = await _app.IncidentIdAsync(Aws);
        var azure = await _app.IncidentIdAsync(AzureOctober29);
        var seen = _app.Record(ChangeScope.Incident(aws), ChangeScope.Incident(azure));

        var result = await _commands.AddAsync(Responder, azure, IncidentLinkKind.RelatedTo, Aws);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        Assert.Contains((await RelatedAsync(Aws)).Links, l => l.Slug == AzureOctober29 && l.Label == "Related to");
        Assert.Equal(2, seen.Count);
        await using var db = _app.Database.CreateDbContext();
        var entries = await db.AuditEntries.Where(a => a.Action == "incident_link.created" && a.Actor == Responder.Name).ToListAsync();
        Assert.Equal([aws, azure], entries.Select(e => e.IncidentId!.Value).Order());
    }

    [Fact]
    public async Task A_link_is_removed_from_both_incidents_and_the_removal_audited()
    {
        var link = Assert.Single((await RelatedAsync(December)).Links);

        var result = await _commands.RemoveAsync(Responder, link.LinkId);

        Assert.True(result.Succeeded);
        Assert.Empty((await RelatedAsync(November)).Links);
        await using var db = _app.Database.CreateDbContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "incident_link.deleted"));
    }

    [Theory]
    [InlineData(December, IncidentLinkKind.Repeats, December, "cannot be linked to itself")]
    [InlineData(December, IncidentLinkKind.Repeats, November, "already exists")]
    [InlineData(Aws, IncidentLinkKind.Repeats, December, "after this incident")]
    [InlineData(December, IncidentLinkKind.Repeats, "no-such-incident", "There is no incident 'no-such-incident'")]
    [InlineData(AzureOctober29, IncidentLinkKind.RelatedTo, AzureOctober9, "already exists")]
    [InlineData(December, IncidentLinkKind.CausedBy, "", "Choose the incident")]
    public async Task Bad_links_are_refused_with_the_reason(string from, IncidentLinkKind kind, string to, string reason)
    {
        var result = await _commands.AddAsync(Responder, await _app.IncidentIdAsync(from), kind, to);

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Contains(reason, string.Join(" ", result.Errors.Values));
    }

    [Fact]
    public async Task A_viewer_may_not_link_or_unlink()
    {
        var link = Assert.Single((await RelatedAsync(December)).Links);

        Assert.Equal(Outcome.Forbidden, (await _commands.AddAsync(Viewer, await _app.IncidentIdAsync(Aws), IncidentLinkKind.RelatedTo, November)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await _commands.RemoveAsync(Viewer, link.LinkId)).Outcome);
    }

    [Theory]
    [InlineData(December, "kind: repeats\n  slug: 2025-11-18-cloudflare-bot-management")]
    [InlineData(November, "kind: repeated-by\n  slug: 2025-12-05-cloudflare-waf-killswitch")]
    public async Task Export_and_import_round_trip_the_links_of_either_end(string slug, string frontMatter)
    {
        var files = _app.Get<PostmortemFiles>();
        var file = (await files.ExportMarkdownAsync(Actor.System, slug))!;
        Assert.Contains(frontMatter, file.Content);
        var id = await _app.IncidentIdAsync(slug);
        var detail = (await _app.Get<IncidentQueries>().GetAsync(Actor.System, slug))!;
        Assert.True((await _app.Get<IncidentCommands>().DeleteAsync(TestServices.Owner, id, detail.Version)).Succeeded);
        Assert.Empty((await RelatedAsync(slug == December ? November : December)).Links);

        var imported = await files.ImportAsync(TestServices.Owner, file.Content);

        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Values));
        Assert.Equal(("Repeats", November), (Assert.Single((await RelatedAsync(December)).Links).Label, (await RelatedAsync(December)).Links[0].Slug));
        Assert.Equal(8, Assert.Single((await RelatedAsync(December)).Repeats).Open.Count);
    }

    [Fact]
    public async Task An_import_that_links_to_a_missing_incident_is_refused_whole()
    {
        var files = _app.Get<PostmortemFiles>();
        var file = (await files.ExportMarkdownAsync(Actor.System, December))!.Content
            .Replace("slug: 2025-12-05-cloudflare-waf-killswitch", "slug: 2025-12-05-copy")
            .Replace("slug: 2025-11-18-cloudflare-bot-management", "slug: 2025-11-18-gone");

        var result = await files.ImportAsync(TestServices.Owner, file);

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors.Values, e => e.StartsWith("links[0].slug: there is no incident '2025-11-18-gone'"));
        await using var db = _app.Database.CreateDbContext();
        Assert.False(await db.Incidents.AnyAsync(i => i.Slug == "2025-12-05-copy"));
    }

    [Fact]
    public async Task The_related_table_lists_the_links_and_the_promises_open_at_the_repeat()
    {
        var record = (await _app.Get<PostmortemQueries>().GetRecordAsync(Responder, await _app.IncidentIdAsync(December)))!;

        var text = GeneratedSections.Expand("{{related}}", record);

        Assert.Contains("| Repeats | Global 5xx errors from an oversized Bot Management feature file (`2025-11-18-cloudflare-bot-management`) | 2025-11-18 11:20 |", text);
        Assert.Contains("still open when this incident started (2025-12-05 08:47): 8 of the 8 agreed before it.", text);
        Assert.Contains("| Add more global kill switches for features | Cloudflare | no due date | In progress | — | not yet |", text);
        Assert.Contains("| Enhanced Rollouts & Versioning for configuration | Cloudflare | no due date | In progress | — | Done 2026-05-01 21:07 |", text);
    }

    [Fact]
    public async Task The_review_counts_the_repeats_of_the_period_and_those_with_follow_ups_open()
    {
        var all = await _queries.RepeatsAsync(Responder, new ReviewQuery());
        var october = await _queries.RepeatsAsync(Responder, new ReviewQuery(new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal((6, 1, 1), (all.Incidents, all.Repeats, all.RepeatedWithOpenActions));
        var row = Assert.Single(all.Rows);
        Assert.Equal((December, November, 8, 8), (row.Slug, row.EarlierSlug, row.OpenAtRepeat, row.AgreedBefore));
        Assert.Equal((3, 0, 0), (october.Incidents, october.Repeats, october.RepeatedWithOpenActions));
    }
}

public sealed class IncidentLinkTestsOnPostgreSql : IncidentLinkTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
