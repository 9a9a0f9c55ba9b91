using Dashboard.Data.Entities;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Seeding;
using Dashboard.Data.Incidents;
using Dashboard.Data.Actions;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Data;

public sealed class PostmortemTests : IAsyncLifetime
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly FixedClock Clock = FixedClock.Default;
    private TestDatabase _db = default!;
    private PostmortemQueries _queries = default!;
    private PostmortemCommands _commands = default!;
    private PostmortemFiles _files = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await new Seeder(_db, new SeedReport(), Clock, NullLogger<Seeder>.Instance).RunAsync(RepoPaths.SeedData);
        _queries = new PostmortemQueries(_db, new TimelineQueries(_db));
        _commands = new PostmortemCommands(_db, _queries, Clock);
        _files = new PostmortemFiles(_db, Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<PostmortemDocument> CloudflareAsync() => (await _queries.GetAsync(Cloudflare))!;

    [Fact]
    public async Task The_seeded_Cloudflare_postmortem_is_complete_by_its_own_checks_of_the_text()
    {
        var doc = await CloudflareAsync();
        Assert.NotNull(doc.Markdown);
        var report = QualityChecks.Run((await _queries.GetRecordAsync(doc.IncidentId))!, doc.Markdown);
        Assert.True(report.Checks.Single(c => c.Key == "empty-sections").Passed);
        Assert.True(report.Checks.Single(c => c.Key == "root-cause-impact").Passed);
    }

    [Fact]
    public async Task A_save_stores_the_text_and_who_saved_it_and_a_stale_save_is_refused_with_the_other_version()
    {
        var doc = await CloudflareAsync();
        var first = await _commands.SaveAsync(doc.IncidentId, doc.Version, "# Mine\n", "ana");
        Assert.True(first.Succeeded);
        Assert.Equal("# Mine\n", first.Current!.Markdown);
        Assert.Equal("ana", first.Current.SavedBy);
        Assert.NotEqual(doc.Version, first.Current.Version);

        var stale = await _commands.SaveAsync(doc.IncidentId, doc.Version, "# Theirs\n", "ben"); // read before ana's save
        Assert.Equal(SaveOutcome.Stale, stale.Outcome);
        Assert.StartsWith("ana saved this postmortem at 2026-01-15 09:00 UTC", stale.Message);
        Assert.Equal("# Mine\n", stale.Current!.Markdown);
        Assert.Equal("# Mine\n", (await CloudflareAsync()).Markdown);
    }

    [Fact]
    public async Task A_text_over_the_limit_is_refused_and_nothing_changes()
    {
        var doc = await CloudflareAsync();
        var result = await _commands.SaveAsync(doc.IncidentId, doc.Version, new string('x', Dashboard.Data.Limits.PostmortemLength + 1), null);
        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(doc.Markdown, (await CloudflareAsync()).Markdown);
    }

    [Fact]
    public async Task Publishing_locks_editing_until_a_recorded_reopen()
    {
        var doc = await CloudflareAsync();
        Assert.True((await _commands.TransitionAsync(doc.IncidentId, PostmortemStatus.Draft, PostmortemStatus.InReview, "ana", null)).Succeeded);
        var published = await _commands.TransitionAsync(doc.IncidentId, PostmortemStatus.InReview, PostmortemStatus.Published, "ben", "Reviewed in the weekly");
        Assert.True(published.Succeeded);

        var locked = await _commands.SaveAsync(doc.IncidentId, published.Current!.Version, "# Edit", "ana");
        Assert.Equal(SaveOutcome.Locked, locked.Outcome);
        Assert.Equal(doc.Markdown, (await CloudflareAsync()).Markdown);

        var noReason = await _commands.TransitionAsync(doc.IncidentId, PostmortemStatus.Published, PostmortemStatus.Draft, "ana", " ");
        Assert.Equal("Say why it is reopened: the reason is recorded with the move.", noReason.Error);
        var reopened = await _commands.TransitionAsync(doc.IncidentId, PostmortemStatus.Published, PostmortemStatus.Draft, "ana", "Timeline correction");
        Assert.True(reopened.Succeeded);
        Assert.True((await _commands.SaveAsync(doc.IncidentId, reopened.Current!.Version, "# Edit\n", "ana")).Succeeded);

        var history = (await CloudflareAsync()).History;
        Assert.Equal([(PostmortemStatus.Draft, PostmortemStatus.InReview, "ana", (string?)null),
                      (PostmortemStatus.InReview, PostmortemStatus.Published, "ben", "Reviewed in the weekly"),
                      (PostmortemStatus.Published, PostmortemStatus.Draft, "ana", "Timeline correction")],
            history.Select(h => (h.From, h.To, h.By, h.Note)));
        Assert.All(history, h => Assert.Equal(Clock.GetUtcNow().UtcDateTime, h.At));
    }

    [Fact]
    public async Task A_move_from_a_status_that_changed_meanwhile_is_refused_and_not_recorded()
    {
        var doc = await CloudflareAsync();
        await _commands.TransitionAsync(doc.IncidentId, PostmortemStatus.Draft, PostmortemStatus.InReview, "ana", null);
        var second = await _commands.TransitionAsync(doc.IncidentId, PostmortemStatus.Draft, PostmortemStatus.InReview, "ben", null);
        Assert.Equal("Someone else moved the postmortem to In review meanwhile.", second.Error);
        Assert.Single((await CloudflareAsync()).History);
    }

    [Fact]
    public async Task Export_then_import_recreates_the_incident_exactly()
    {
        // Give the record the kinds of data the seed does not have: a manual event with an author, a done action.
        var id = (await CloudflareAsync()).IncidentId;
        var timeline = new TimelineCommands(_db, new TimelineQueries(_db), new TimelineNotifier());
        Assert.True((await timeline.AddAsync(id, new EventInput { OccurredAt = "2025-11-18 12:40:30", Kind = EventKind.Investigation, Text = "Checked | the \"proxy\" logs\nnull", Author = "kim" })).Succeeded);
        var actions = new ActionCommands(_db, Clock);
        var action = await actions.CreateAsync(id, new ActionInput { Title = "yes", Owner = "no", Priority = ActionPriority.P2, Kind = ActionKind.Detect, DueDate = new DateOnly(2026, 2, 1) });
        Guid actionVersion;
        await using (var db = _db.CreateDbContext())
            actionVersion = await db.RemediationActions.Where(a => a.Id == action.Id).Select(a => a.Version).SingleAsync();
        Assert.True((await actions.SetStatusAsync(action.Id!.Value, actionVersion, ActionStatus.Done)).Succeeded);
        // A chat-log import ("paste, line N" sources) and a source typed in the form (no ref, no grade).
        var timelineData = (await new TimelineQueries(_db).GetAsync(id))!;
        Assert.Equal(1, await timeline.ImportAsync(id, ImportPreview.Build("[12:45] kim: paged the database team", timelineData.Context), "kim"));
        var incidents = new IncidentCommands(_db, Clock);
        var edit = (await new IncidentQueries(_db).GetForEditAsync(Cloudflare))!.Value;
        edit.Input.Sources.Add(new SourceInput { Title = "Internal wiki page", Url = "https://wiki.example.com/pm" });
        Assert.True((await incidents.UpdateAsync(edit.Id, edit.Version, edit.Input)).Succeeded);
        var saved = await _commands.SaveAsync(id, (await CloudflareAsync()).Version, "# Body\n\n---\n\nAfter a rule: {{timeline}}\n", "ana");
        Assert.True(saved.Succeeded);
        await _commands.TransitionAsync(id, PostmortemStatus.Draft, PostmortemStatus.InReview, "ana", null);

        var before = await SnapshotAsync();
        var file = (await _files.ExportMarkdownAsync(Cloudflare))!;
        Assert.Equal($"{Cloudflare}.postmortem.md", file.FileName);
        Assert.StartsWith("---\nformatVersion: 1\nslug: 2025-11-18-cloudflare-bot-management\n", file.Content);

        await incidents.DeleteAsync(id);
        var imported = await _files.ImportAsync(file.Content);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_import_adds_the_services_it_carries_that_the_catalog_lacks_and_nothing_when_refused()
    {
        var file = (await _files.ExportMarkdownAsync(Cloudflare))!.Content
            .Replace($"slug: {Cloudflare}", "slug: elsewhere-copy").Replace("cf-workers-kv", "kv-elsewhere").Replace("name: Workers KV", "name: Workers KV (elsewhere)");
        var broken = file.Replace("at: 2025-11-18T11:05:00Z", "at: yesterday");
        var before = await CountsAsync();

        Assert.False((await _files.ImportAsync(broken)).Succeeded);
        await using (var db = _db.CreateDbContext())
            Assert.False(await db.Services.AnyAsync(s => s.Key == "kv-elsewhere")); // the service went back with the refused incident
        Assert.Equal(before, await CountsAsync());

        var imported = await _files.ImportAsync(file);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        await using (var db = _db.CreateDbContext())
        {
            Assert.Equal("Workers KV (elsewhere)", await db.Services.Where(s => s.Key == "kv-elsewhere").Select(s => s.Name).SingleAsync());
            Assert.Equal("Workers KV", await db.Services.Where(s => s.Key == "cf-workers-kv").Select(s => s.Name).SingleAsync()); // the catalog wins
            Assert.True(await db.ServiceImpacts.AnyAsync(x => x.Service!.Key == "kv-elsewhere"));
        }
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "# No front matter\n", "line 1: the file must start with YAML front matter (a line with ---)" },
        { "---\nformatVersion: 1\nslug: x\n", "the front matter is not closed: add a line with --- after it" },
        { "---\nformatVersion: 1\nslug: [unclosed\n---\n", "front matter, line" },
        { "---\nformatVersion: 1\nwhoKnows: 3\n---\n", "front matter, line 3, column 1: unknown field 'whoKnows'" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Broken_front_matter_is_refused_with_its_place_and_nothing_is_written(string content, string expected)
    {
        var before = await CountsAsync();
        var result = await _files.ImportAsync(content);
        Assert.False(result.Succeeded);
        Assert.StartsWith(expected, Assert.Single(result.Errors));
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("at: 2025-11-18T11:05:00Z", "at: 2025-11-18 11:05", "timeline[0].at: '2025-11-18 11:05' is not an ISO 8601 time with an offset")]
    [InlineData("service: cf-cdn-core", "service: cf-nowhere", "unknown service 'cf-nowhere'")]
    [InlineData("postmortemStatus: draft", "postmortemStatus: approved", "postmortemStatus: 'approved' is not one of")]
    public async Task Bad_values_and_duplicate_slugs_are_refused_and_nothing_is_written(string find, string replace, string expected)
    {
        var file = (await _files.ExportMarkdownAsync(Cloudflare))!;
        var slugFree = file.Content.Replace($"slug: {Cloudflare}", "slug: imported-copy");
        var before = await CountsAsync();

        var duplicate = await _files.ImportAsync(file.Content);
        Assert.Contains($"slug: '{Cloudflare}' is already used by another incident", duplicate.Errors);

        var changed = ReplaceFirst(slugFree, find, replace);
        Assert.NotEqual(slugFree, changed);
        var bad = await _files.ImportAsync(changed);
        Assert.False(bad.Succeeded);
        Assert.Contains(bad.Errors, e => e.Contains(expected));
        Assert.Equal(before, await CountsAsync());

        Assert.True((await _files.ImportAsync(slugFree)).Succeeded); // the same file with only a new slug goes in
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : text[..at] + replace + text[(at + find.Length)..];
    }

    private async Task<(int, int, int, int)> CountsAsync()
    {
        await using var db = _db.CreateDbContext();
        return (await db.Incidents.CountAsync(), await db.TimelineEvents.CountAsync(), await db.ServiceImpacts.CountAsync(), await db.RemediationActions.CountAsync());
    }

    /// <summary>Everything a user sees of the incident, without database ids and row versions.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _db.CreateDbContext();
        var i = await db.Incidents.AsNoTracking().AsSplitQuery().Include(x => x.Sources).Include(x => x.Events).ThenInclude(e => e.Service)
            .Include(x => x.Impacts).ThenInclude(x => x.Service).Include(x => x.Actions).Include(x => x.PostmortemHistory).SingleAsync(x => x.Slug == Cloudflare);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            i.Slug, i.Title, i.Organisation, i.Severity, i.Status, i.Commander, i.Tags, i.SourceTimeZone,
            i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt, i.DurationMinutes,
            i.Summary, i.Trigger, i.RootCause, i.CustomerImpact, i.PostmortemMarkdown, i.PostmortemStatus, i.PostmortemSavedAt, i.PostmortemSavedBy,
            History = i.PostmortemHistory.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new { t.From, t.To, t.By, t.Note, t.At }),
            Sources = i.Sources.OrderBy(s => s.SortOrder).Select(s => new { s.Ref, s.Title, s.Url, s.Grade, s.SortOrder }),
            Events = i.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Text).Select(e => new { e.OccurredAt, e.EndsAt, e.Kind, e.Text, e.Author, e.Source, e.SourceReference, e.IsKey, Service = e.Service?.Key }),
            Impacts = i.Impacts.OrderBy(x => x.StartedAt).ThenBy(x => x.Service!.Key).Select(x => new { x.Service!.Key, x.Level, x.StartedAt, x.EndedAt, x.Description }),
            Actions = i.Actions.OrderBy(a => a.Title).Select(a => new { a.Title, a.Description, a.Owner, a.Team, a.Priority, a.Kind, a.Status, a.WontDoReason, a.DueDate, a.CompletedAt, a.ExternalUrl, a.CreatedAt }),
        });
    }
}
