using Dashboard.Account;
using Dashboard.Data.Changes;
using Dashboard.Data.Incidents;
using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Changes;

/// <summary>The marks in the postmortem: the generated {{changes}} table and the Markdown export and import.</summary>
public class ChangePostmortemTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private const string SeededTrigger = "seed:2025-11-18-cloudflare-clickhouse-permissions";
    private static readonly Actor Ana = Actor.Person("ana", Role.Admin);

    private int _incident;
    private int _contributing;

    /// <summary>Besides the seeded trigger: a contributing deploy with a link, and a change nobody marked.</summary>
    protected override async Task SetUpAsync()
    {
        _incident = await App.IncidentIdAsync(Cloudflare);
        var commands = App.Get<ChangeCommands>();
        var contributing = await commands.RecordAsync(Ana, new ChangeInput
        {
            ExternalId = "deploy-fl-proxy-77", Kind = "deploy", Services = ["cf-fl-proxy"], Environment = "production", StartedAt = "2025-11-18T10:40:00Z",
            Author = "release | bot", Title = "FL proxy 77 [canary]", Link = "https://ci.example.com/runs/77?a=1|2", Labels = ["team:proxy"],
        });
        Assert.True(contributing.Succeeded, string.Join("; ", contributing.Errors.Values));
        _contributing = contributing.Id!.Value;
        Assert.True((await commands.MarkAsync(Ana, _incident, _contributing, ChangeRole.Contributing)).Succeeded);
        Assert.True((await commands.RecordAsync(Ana, new ChangeInput
        {
            ExternalId = "unmarked-1", Kind = "config", Services = ["cf-fl-proxy"], StartedAt = "2025-11-18T10:50:00Z", Author = "ops", Title = "Unmarked tweak",
        })).Succeeded);
    }

    private async Task<string> ExpandAsync(string markdown) =>
        GeneratedSections.Expand(markdown, (await App.Get<PostmortemQueries>().GetRecordAsync(Actor.System, _incident))!);

    [Fact]
    public async Task The_changes_placeholder_lists_the_trigger_first_then_the_contributing_changes_and_no_unmarked_one()
    {
        var expanded = await ExpandAsync("## What changed\n\n{{changes}}\n");

        var rows = expanded.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal("| Role | Started (UTC) | Kind | Services | Change | By |", rows[0]);
        Assert.StartsWith("| **Trigger** | 2025-11-18 11:05 | config | cf-clickhouse (production) | [ClickHouse access control:", rows[1]);
        // The title's brackets and the author's pipe stay inside their cells; the link cannot break out of its brackets.
        Assert.Equal("| Contributing | 2025-11-18 10:40 | deploy | cf-fl-proxy (production) | [FL proxy 77 \\[canary\\]](<https://ci.example.com/runs/77?a=1%7C2>) | release \\| bot |", rows[2]);
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain("Unmarked tweak", expanded);
    }

    [Fact]
    public async Task Without_marks_the_placeholder_says_how_to_mark_one_and_inside_a_code_fence_it_is_left_alone()
    {
        await App.Get<ChangeCommands>().MarkAsync(Ana, _incident, _contributing, null);
        var trigger = await TriggerIdAsync();
        await App.Get<ChangeCommands>().MarkAsync(Ana, _incident, trigger, null);

        var expanded = await ExpandAsync("{{changes}}\n```\n{{changes}}\n```\n");

        Assert.StartsWith("_No change marked as the trigger or contributing yet", expanded);
        Assert.Contains("```\n{{changes}}\n```", expanded);
    }

    [Fact]
    public async Task Export_then_import_keeps_the_marks_on_the_same_stored_changes()
    {
        var file = (await App.Get<PostmortemFiles>().ExportMarkdownAsync(Actor.System, Cloudflare))!;
        Assert.Contains("changes:\n- role: trigger\n  externalId: seed:2025-11-18-cloudflare-clickhouse-permissions\n", file.Content);
        var before = await MarksAsync();
        var changes = await ChangeCountAsync();

        await DeleteCloudflareAsync();
        Assert.Empty(await MarksAsync());
        var imported = await App.Get<PostmortemFiles>().ImportAsync(Ana, file.Content);

        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Values));
        Assert.Equal(before, await MarksAsync());
        Assert.Equal(changes, await ChangeCountAsync()); // the stored changes are marked again, not copied
    }

    [Fact]
    public async Task Imported_where_a_marked_change_was_never_recorded_the_file_records_it_whole()
    {
        var file = (await App.Get<PostmortemFiles>().ExportMarkdownAsync(Actor.System, Cloudflare))!;
        await DeleteCloudflareAsync();

        var imported = await App.Get<PostmortemFiles>().ImportAsync(Ana, file.Content.Replace("externalId: deploy-fl-proxy-77", "externalId: deploy-fl-proxy-elsewhere"));

        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Values));
        var change = Assert.Single(await App.Get<ChangeQueries>().ListAsync(Actor.System, new ChangeFilter { ExternalId = "deploy-fl-proxy-elsewhere" }));
        Assert.Equal(("FL proxy 77 [canary]", "release | bot", "https://ci.example.com/runs/77?a=1|2", "import", new DateTime(2025, 11, 18, 10, 40, 0, DateTimeKind.Utc)),
            (change.Title, change.Author, change.Link, change.Origin, change.StartedAt));
        Assert.Equal(["cf-fl-proxy"], change.Services);
        Assert.Equal(["team:proxy"], change.Labels);
        Assert.Equal(ChangeRole.Contributing, Assert.Single(change.Incidents).Role);
    }

    [Theory]
    [InlineData("- role: trigger\n", "- role: culprit\n", "changes[0].role: 'culprit' is not a mark")]
    [InlineData("- role: contributing\n", "- role: trigger\n", "changes[1].role: an incident has one trigger")]
    [InlineData("  - cf-fl-proxy\n", "  - no-such-service\n", "changes[1].services[0]: unknown service 'no-such-service'")]
    [InlineData("  kind: deploy\n", "  kind: rollout\n", "changes[1].kind:")]
    public async Task A_file_with_a_bad_mark_is_refused_whole_naming_it(string find, string replace, string expected)
    {
        var file = (await App.Get<PostmortemFiles>().ExportMarkdownAsync(Actor.System, Cloudflare))!;
        Assert.Contains(find, file.Content);
        await DeleteCloudflareAsync();

        var imported = await App.Get<PostmortemFiles>().ImportAsync(Ana, file.Content.Replace(find, replace));

        Assert.False(imported.Succeeded);
        Assert.Contains(imported.Errors.Values, e => e.Contains(expected, StringComparison.Ordinal));
        await using var db = App.Database.CreateDbContext();
        Assert.False(await db.Incidents.AnyAsync(i => i.Slug == Cloudflare));
    }

    private async Task<int> ChangeCountAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.ChangeEvents.CountAsync();
    }

    private async Task<int> TriggerIdAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.ChangeEvents.Where(c => c.ExternalId == SeededTrigger).Select(c => c.Id).SingleAsync();
    }

    private async Task<string> MarksAsync()
    {
        await using var db = App.Database.CreateDbContext();
        var marks = await db.ChangeMarks.Where(m => m.Incident!.Slug == Cloudflare)
            .Select(m => new { m.ChangeEventId, m.ChangeEvent!.ExternalId, m.Role }).ToListAsync();
        return string.Join("; ", marks.OrderBy(m => m.ChangeEventId).Select(m => $"{m.ChangeEventId} {m.ExternalId} {m.Role}"));
    }

    private async Task DeleteCloudflareAsync()
    {
        var edit = (await App.Get<IncidentQueries>().GetForEditAsync(Actor.System, Cloudflare))!.Value;
        var deleted = await App.Get<IncidentCommands>().DeleteAsync(Ana, edit.Id, edit.Version);
        Assert.True(deleted.Succeeded, string.Join("; ", deleted.Errors.Values));
    }
}

public sealed class ChangePostmortemTestsOnPostgreSql : ChangePostmortemTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
