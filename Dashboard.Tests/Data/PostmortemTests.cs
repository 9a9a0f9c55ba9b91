using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;
using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Data.Graph;

namespace Dashboard.Tests.Data;

public class PostmortemTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="PostmortemTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly FixedClock Clock = FixedClock.Default;
    // Publishing and reopening are for admins; ben and ana review each other's work.
    private static readonly Actor Ana = Actor.Person("ana", Role.Admin);
    private static readonly Actor Ben = Actor.Person("ben", Role.Admin);
    private TestServices _app = default!;
    private TestDatabase _db = default!;
    private PostmortemQueries _queries = default!;
    private PostmortemCommands _commands = default!;
    private PostmortemFiles _files = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store, clock: Clock);
        _db = _app.Database;
        _queries = _app.Get<PostmortemQueries>();
        _commands = _app.Get<PostmortemCommands>();
        _files = _app.Get<PostmortemFiles>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<PostmortemDocument> CloudflareAsync() => (await _queries.GetAsync(Actor.System, Cloudflare))!;

    [Fact]
    public async Task The_seeded_Cloudflare_postmortem_is_complete_by_its_own_checks_of_the_text()
    {
        var doc = await CloudflareAsync();
        Assert.NotNull(doc.Markdown);
        var report = QualityChecks.Run((await _queries.GetRecordAsync(Actor.System, doc.IncidentId))!, doc.Markdown);
        Assert.True(report.Checks.Single(c => c.Key == "empty-sections").Passed);
        Assert.True(report.Checks.Single(c => c.Key == "root-cause-impact").Passed);
    }

    [Fact]
    public async Task A_save_stores_the_text_and_who_saved_it_and_a_stale_save_is_refused_with_the_other_version()
    {
        var doc = await CloudflareAsync();
        var first = await _commands.SaveAsync(Ana, doc.IncidentId, doc.Version, "# Mine\n");
        Assert.True(first.Succeeded);
        var saved = await CloudflareAsync();
        Assert.Equal("# Mine\n", saved.Markdown);
        Assert.Equal(("ana", Clock.GetUtcNow().UtcDateTime), (saved.SavedBy, saved.SavedAt));
        Assert.NotEqual(doc.Version, first.Version);
        Assert.Equal(saved.Version, first.Version);

        var stale = await _commands.SaveAsync(Ben, doc.IncidentId, doc.Version, "# Theirs\n"); // read before ana's save
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Equal(first.Version, stale.Version);
        var kept = await CloudflareAsync();
        Assert.Equal(("# Mine\n", "ana"), (kept.Markdown, kept.SavedBy));
    }

    [Fact]
    public async Task A_text_over_the_limit_is_refused_and_nothing_changes()
    {
        var doc = await CloudflareAsync();
        var result = await _commands.SaveAsync(Ana, doc.IncidentId, doc.Version, new string('x', Limits.PostmortemLength + 1));
        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Equal(doc.Markdown, (await CloudflareAsync()).Markdown);
    }

    [Fact]
    public async Task Publishing_locks_editing_until_a_recorded_reopen()
    {
        var doc = await CloudflareAsync();
        Assert.True((await _commands.TransitionAsync(Ana, doc.IncidentId, PostmortemStatus.Draft, PostmortemStatus.InReview, null)).Succeeded);
        var published = await _commands.TransitionAsync(Ben, doc.IncidentId, PostmortemStatus.InReview, PostmortemStatus.Published, "Reviewed in the weekly");
        Assert.True(published.Succeeded);

        var locked = await _commands.SaveAsync(Ana, doc.IncidentId, published.Version!.Value, "# Edit");
        Assert.Equal(Outcome.Invalid, locked.Outcome);
        Assert.Equal("The postmortem is published and locked; reopen it to edit.", locked.Errors[""]);
        Assert.Equal(doc.Markdown, (await CloudflareAsync()).Markdown);

        var noReason = await _commands.TransitionAsync(Ana, doc.IncidentId, PostmortemStatus.Published, PostmortemStatus.Draft, " ");
        Assert.Equal("Say why it is reopened: the reason is recorded with the move.", noReason.Errors[""]);
        var reopened = await _commands.TransitionAsync(Ana, doc.IncidentId, PostmortemStatus.Published, PostmortemStatus.Draft, "Timeline correction");
        Assert.True(reopened.Succeeded);
        Assert.True((await _commands.SaveAsync(Ana, doc.IncidentId, reopened.Version!.Value, "# Edit\n")).Succeeded);

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
        await _commands.TransitionAsync(Ana, doc.IncidentId, PostmortemStatus.Draft, PostmortemStatus.InReview, null);
        var second = await _commands.TransitionAsync(Ben, doc.IncidentId, PostmortemStatus.Draft, PostmortemStatus.InReview, null);
        Assert.Equal(Outcome.Conflict, second.Outcome);
        Assert.Single((await CloudflareAsync()).History);
    }

    [Fact]
    public async Task Export_then_import_recreates_the_incident_exactly()
    {
        // Give the record the kinds of data the seed does not have: a manual event with an author, a done action.
        var id = (await CloudflareAsync()).IncidentId;
        var timeline = _app.Get<TimelineCommands>();
        Assert.True((await timeline.AddAsync(Ana, id, new EventInput { OccurredAt = "2025-11-18 12:40:30", Kind = EventKind.Investigation, Text = "Checked | the \"proxy\" logs\nnull", Author = "kim" })).Succeeded);
        var actions = _app.Get<ActionCommands>();
        var action = await actions.CreateAsync(Ana, id, new ActionInput { Title = "yes", Owner = "no", Priority = ActionPriority.P2, Kind = ActionKind.Detect, DueDate = new DateOnly(2026, 2, 1) });
        Assert.True((await actions.SetStatusAsync(Ana, action.Id!.Value, action.Version!.Value, ActionStatus.Done)).Succeeded);
        // A chat-log import ("paste, line N" sources) and a source typed in the form (no ref, no grade).
        var timelineData = (await _app.Get<TimelineQueries>().GetAsync(Actor.System, id))!;
        Assert.Equal(1, (await timeline.ImportAsync(Ana, id, ImportPreview.Build("[12:45] kim: paged the database team", timelineData.Context))).Count);
        var incidents = _app.Get<IncidentCommands>();
        var edit = (await _app.Get<IncidentQueries>().GetForEditAsync(Actor.System, Cloudflare))!.Value;
        edit.Input.Sources.Add(new SourceInput { Title = "Internal wiki page", Url = "https://wiki.example.com/pm" });
        edit.Input.IsNearMiss = true;
        var updated = await incidents.UpdateAsync(Ana, edit.Id, edit.Version, edit.Input);
        Assert.True(updated.Succeeded);
        // Questions for the review: one about an event, answered; one about the whole incident, open.
        var questions = _app.Get<Dashboard.Data.Questions.QuestionCommands>();
        var asked = await questions.AskAsync(Ana, id, new Dashboard.Data.Questions.QuestionInput { Text = "Why did it come and go?", EventId = timelineData.Events[0].Id });
        Assert.True((await questions.AnswerAsync(Ana, id, asked.Id!.Value, asked.Version!.Value, "Only some nodes had the change.")).Succeeded);
        Assert.True((await questions.AskAsync(Ana, id, new Dashboard.Data.Questions.QuestionInput { Text = "Who owns the file size limit?" })).Succeeded);
        var saved = await _commands.SaveAsync(Ana, id, (await CloudflareAsync()).Version, "# Body\n\n---\n\nAfter a rule: {{timeline}}\n");
        Assert.True(saved.Succeeded);
        Assert.True((await _commands.TransitionAsync(Ana, id, PostmortemStatus.Draft, PostmortemStatus.InReview, null)).Succeeded);

        var before = await SnapshotAsync();
        Assert.Contains("\"Factors\":[{", before); // the seeded factors, with their evidence and actions, go through the file too
        Assert.Contains("\"Moment\":\"Diagnosis\"", before);
        Assert.Contains("\"Answer\":\"Only some nodes had the change.\"", before);
        Assert.Contains("\"IsNearMiss\":true", before);
        Assert.Contains("\"WhatSurprisedUs\":\"In our reading of Cloudflare", before);
        var file = (await _files.ExportMarkdownAsync(Actor.System, Cloudflare))!;
        Assert.Equal($"{Cloudflare}.postmortem.md", file.FileName);
        Assert.StartsWith("---\nformatVersion: 1\nslug: 2025-11-18-cloudflare-bot-management\n", file.Content);

        Assert.True((await incidents.DeleteAsync(Ana, id, updated.Version!.Value)).Succeeded);
        var imported = await _files.ImportAsync(Ben, file.Content);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Values));
        Assert.Equal(Cloudflare, imported.Key);
        Assert.Equal(before, await SnapshotAsync());
        // A file cannot put itself in review: it arrives as a draft, its claimed review kept only as a note.
        var back = await CloudflareAsync();
        Assert.Equal(PostmortemStatus.Draft, back.Status);
        var entry = Assert.Single(back.History);
        Assert.Equal((PostmortemStatus.Draft, PostmortemStatus.Draft, "ben"), (entry.From, entry.To, entry.By));
        Assert.StartsWith("Imported. The file said: status In review; history: Draft → In review by ana", entry.Note);
    }

    [Fact]
    public async Task An_import_adds_the_services_it_carries_that_the_catalog_lacks_and_nothing_when_refused()
    {
        var file = (await _files.ExportMarkdownAsync(Actor.System, Cloudflare))!.Content
            .Replace($"slug: {Cloudflare}", "slug: elsewhere-copy").Replace("cf-workers-kv", "kv-elsewhere").Replace("name: Workers KV", "name: Workers KV (elsewhere)");
        var broken = file.Replace("at: 2025-11-18T11:05:00Z", "at: yesterday");
        var before = await CountsAsync();

        Assert.False((await _files.ImportAsync(Ana, broken)).Succeeded);
        await using (var db = _db.CreateDbContext())
            Assert.False(await db.Services.AnyAsync(s => s.Key == "kv-elsewhere")); // the service went back with the refused incident
        Assert.Equal(before, await CountsAsync());

        var imported = await _files.ImportAsync(Ana, file);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Values));
        await using (var db = _db.CreateDbContext())
        {
            Assert.Equal("Workers KV (elsewhere)", await db.Services.Where(s => s.Key == "kv-elsewhere").Select(s => s.Name).SingleAsync());
            Assert.Equal("Workers KV", await db.Services.Where(s => s.Key == "cf-workers-kv").Select(s => s.Name).SingleAsync()); // the catalog wins
            Assert.True(await db.ServiceImpacts.AnyAsync(x => x.Service!.Key == "kv-elsewhere"));
        }
    }

    /// <summary>The Cloudflare record under a new address, carrying a catalog entry the catalog lacks ("kv-elsewhere").</summary>
    private async Task<string> FileWithANewServiceAsync(string name = "Workers KV (elsewhere)") =>
        (await _files.ExportMarkdownAsync(Actor.System, Cloudflare))!.Content
            .Replace($"slug: {Cloudflare}", "slug: elsewhere-copy").Replace("cf-workers-kv", "kv-elsewhere").Replace("name: Workers KV", $"name: {name}");

    [Fact]
    public async Task A_responders_import_that_names_services_the_catalog_lacks_is_refused_whole_naming_them()
    {
        var responder = Actor.Person("rex", Role.Responder);
        var before = await CountsAsync();

        var result = await _files.ImportAsync(responder, await FileWithANewServiceAsync());

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.StartsWith("services: 'kv-elsewhere' is not in the service catalog, and only an admin may add to it", Assert.Single(result.Errors.Values));
        Assert.Equal(before, await CountsAsync());
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Services.AnyAsync(s => s.Key == "kv-elsewhere"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Actor == "rex"));
        // The same file naming only services the catalog has goes in for a responder.
        var known = await _files.ImportAsync(responder, (await FileWithANewServiceAsync()).Replace("kv-elsewhere", "cf-workers-kv"));
        Assert.True(known.Succeeded, string.Join("; ", known.Errors.Values));
    }

    [Fact]
    public async Task An_admins_import_adds_the_services_the_catalog_lacks_each_audited_as_created_by_the_admin()
    {
        var result = await _files.ImportAsync(Ana, await FileWithANewServiceAsync());

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        await using var db = _db.CreateDbContext();
        var created = await db.AuditEntries.SingleAsync(a => a.Action == "service.created" && a.EntityKey == "kv-elsewhere");
        Assert.Equal(("kv-elsewhere", "ana", ChangeSource.Import, null), (created.EntityKey, created.Actor, created.Source, created.IncidentId));
        Assert.Contains("Workers KV (elsewhere)", created.Changes);
        Assert.NotEqual(Guid.Empty, await db.Services.Where(s => s.Key == "kv-elsewhere").Select(s => s.Version).SingleAsync());
    }

    [Fact]
    public async Task An_import_the_database_refuses_is_answered_without_the_databases_words()
    {
        // A new key under a name the catalog already uses: only the database's unique index catches it.
        var result = await _files.ImportAsync(Ana, await FileWithANewServiceAsync(name: "Workers KV"));

        Assert.Equal(Outcome.Invalid, result.Outcome);
        var message = Assert.Single(result.Errors.Values);
        Assert.Equal("The database refused this change; reload and try again.", message);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Services.AnyAsync(s => s.Key == "kv-elsewhere"));
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
        var result = await _files.ImportAsync(Ana, content);
        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.StartsWith(expected, Assert.Single(result.Errors.Values));
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("at: 2025-11-18T11:05:00Z", "at: 2025-11-18 11:05", "timeline[0].at: '2025-11-18 11:05' is not an ISO 8601 time with an offset")]
    [InlineData("service: cf-cdn-core", "service: cf-nowhere", "unknown service 'cf-nowhere'")]
    [InlineData("postmortemStatus: draft", "postmortemStatus: approved", "postmortemStatus: 'approved' is not one of")]
    [InlineData("- event-", "- no-such-event-", "is not the ref of a timeline event in this file")] // a factor's evidence names an event the file lacks
    public async Task Bad_values_and_duplicate_slugs_are_refused_and_nothing_is_written(string find, string replace, string expected)
    {
        var file = (await _files.ExportMarkdownAsync(Actor.System, Cloudflare))!;
        var slugFree = file.Content.Replace($"slug: {Cloudflare}", "slug: imported-copy");
        var before = await CountsAsync();

        var duplicate = await _files.ImportAsync(Ana, file.Content);
        Assert.Contains($"slug: '{Cloudflare}' is already used by another incident", duplicate.Errors.Values);

        var changed = ReplaceFirst(slugFree, find, replace);
        Assert.NotEqual(slugFree, changed);
        var bad = await _files.ImportAsync(Ana, changed);
        Assert.Equal(Outcome.Invalid, bad.Outcome);
        Assert.Contains(bad.Errors.Values, e => e.Contains(expected));
        Assert.Equal(before, await CountsAsync());

        Assert.True((await _files.ImportAsync(Ana, slugFree)).Succeeded); // the same file with only a new slug goes in
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

    /// <summary>
    /// Everything a user sees of the incident, without database ids and row versions, and without
    /// its review state: an import always arrives as a draft (checked on its own).
    /// </summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _db.CreateDbContext();
        var i = await db.Incidents.AsNoTracking().AsSplitQuery().Include(x => x.Sources).Include(x => x.Events).ThenInclude(e => e.Service)
            .Include(x => x.Impacts).ThenInclude(x => x.Service).Include(x => x.Actions).Include(x => x.PostmortemHistory)
            .Include(x => x.Factors).ThenInclude(f => f.Evidence).Include(x => x.Factors).ThenInclude(f => f.Actions)
            .Include(x => x.Questions).ThenInclude(q => q.TimelineEvent).SingleAsync(x => x.Slug == Cloudflare);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            i.Slug, i.Title, i.Organisation, i.Severity, i.Status, i.Commander, i.Tags, i.SourceTimeZone,
            i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt, i.DurationMinutes,
            i.Summary, i.Trigger, i.RootCause, i.CustomerImpact, i.WhatSurprisedUs, i.IsNearMiss, i.PostmortemMarkdown, i.PostmortemSavedAt, i.PostmortemSavedBy,
            Sources = i.Sources.OrderBy(s => s.SortOrder).Select(s => new { s.Ref, s.Title, s.Url, s.Grade, s.SortOrder }),
            Events = i.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Text).Select(e => new { e.OccurredAt, e.EndsAt, e.Kind, e.Text, e.Author, e.Source, e.SourceReference, e.IsKey, Moment = e.Moment.ToString(), Service = e.Service?.Key }),
            Impacts = i.Impacts.OrderBy(x => x.StartedAt).ThenBy(x => x.Service!.Key).Select(x => new { x.Service!.Key, x.Level, x.StartedAt, x.EndedAt, x.Description }),
            Actions = i.Actions.OrderBy(a => a.Title).Select(a => new { a.Title, a.Description, a.Owner, a.Team, a.Priority, a.Kind, a.Status, a.WontDoReason, a.DueDate, a.CompletedAt, a.ExternalUrl, a.CreatedAt }),
            // Factors cite events and actions by row; after a round trip the rows are new, so they are compared by what they say.
            Factors = i.Factors.OrderBy(f => f.SortOrder).Select(f => new
            {
                f.Statement, f.Category, f.SortOrder,
                Evidence = f.Evidence.OrderBy(e => e.OccurredAt).ThenBy(e => e.Text).Select(e => new { e.OccurredAt, e.Text }),
                Actions = f.Actions.OrderBy(a => a.Title).Select(a => a.Title),
            }),
            Questions = i.Questions.OrderBy(q => q.CreatedAt).ThenBy(q => q.Text).Select(q => new
            {
                q.Text, q.AskedBy, q.CreatedAt, q.Answer, q.AnsweredBy, q.AnsweredAt, Event = q.TimelineEvent == null ? null : new { q.TimelineEvent.OccurredAt, q.TimelineEvent.Text },
            }),
        });
    }
}

public sealed class PostmortemTestsOnPostgreSql : PostmortemTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
