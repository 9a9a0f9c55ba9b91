using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;
using System.Text;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Synthetic;
using Dashboard.Data.Timeline;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;
using Dashboard.Incidents;
using Dashboard.Postmortems;
using Dashboard.Ui.Kit;
using Dashboard.Api;
using Dashboard.Host.Http;

namespace Dashboard.Benchmarks;

/// <summary>
/// A 200 KB postmortem on an incident of 2,000 events: the server's work after a pause in typing
/// (generated tables, Markdown to HTML, quality checks) and both exports.
/// </summary>
public static class PostmortemBench
{
    public const string Slug = "synthetic-postmortem-2000-events";

    public static async Task RunAsync(IDbContextFactory<IncidentBoardDbContext> dbFactory, int runs)
    {
        var markdown = Document(200 * 1024);
        var id = await EnsureIncidentAsync(dbFactory, markdown);
        var queries = new PostmortemQueries(dbFactory, new TimelineQueries(dbFactory, AggregateCache.PassThrough), new Dashboard.Data.Learning.LearningQueries(dbFactory, AggregateCache.PassThrough),
            new Dashboard.Data.Budgets.BudgetQueries(dbFactory, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Dashboard.Data.Budgets.BudgetOptions()), AggregateCache.PassThrough));
        var files = new PostmortemFiles(dbFactory, new WriteDoor(dbFactory, new ChangeBus(), TimeProvider.System, NullLogger<WriteDoor>.Instance, new Dashboard.Data.Incidents.IncidentAccess(), [new Dashboard.Data.Webhooks.WebhookOutbox()]));
        var renderer = new MarkdownRenderer();
        var record = (await queries.GetRecordAsync(Actor.System, id))!;
        var html = renderer.ToHtml(GeneratedSections.Expand(markdown, record));
        Console.WriteLine();
        Console.WriteLine($"postmortem of {Encoding.UTF8.GetByteCount(markdown) / 1024} KB on an incident of {record.Timeline.Events.Count:N0} events " +
                          $"({html.Length / 1024} KB of HTML with every event in the generated timeline)");

        var preview = new Report("postmortem preview after a pause in typing (server-side, target < 200 ms)", TimeSpan.FromMilliseconds(200));
        await preview.MeasureAsync("tables + Markdown + checks", runs, _ => Task.FromResult(Preview(markdown, record, renderer)));
        await preview.MeasureAsync("same, record reloaded first", runs, async ct => Preview(markdown, (await queries.GetRecordAsync(Actor.System, id, ct))!, renderer));
        preview.Print();

        var export = new Report("postmortem exports (server-side, target < 1 s)", TimeSpan.FromSeconds(1));
        await export.MeasureAsync("Markdown with front matter", runs, ct => files.ExportMarkdownAsync(Actor.System, Slug, ct));
        await export.MeasureAsync("standalone HTML", runs, async ct =>
        {
            var doc = (await queries.GetAsync(Actor.System, Slug, ct))!;
            return PostmortemHtml.Render(doc, (await queries.GetRecordAsync(Actor.System, doc.IncidentId, ct))!, renderer, DateTime.UtcNow);
        });
        export.Print();
    }

    private static int Preview(string markdown, PostmortemRecord record, MarkdownRenderer renderer) =>
        renderer.ToHtml(GeneratedSections.Expand(markdown, record)).Length + QualityChecks.Run(record, markdown).Score;

    private static async Task<int> EnsureIncidentAsync(IDbContextFactory<IncidentBoardDbContext> dbFactory, string markdown)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var existing = await db.Incidents.Where(i => i.Slug == Slug).Select(i => (int?)i.Id).SingleOrDefaultAsync();
        if (existing is { } id) return id;
        var serviceIds = await db.Services.OrderBy(s => s.Id).Select(s => s.Id).Take(200).ToListAsync();
        var incident = new SyntheticData(2_000).Incident(0, new SyntheticSize(1, 2_000, 10), serviceIds);
        incident.Slug = Slug;
        incident.Title = "Synthetic incident with 2,000 events and a 200 KB postmortem";
        incident.PostmortemMarkdown = markdown;
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>A long, realistic document: every template section, prose, lists, a table, code, footnotes and all generated tables.</summary>
    public static string Document(int bytes)
    {
        var text = new StringBuilder("# Postmortem: synthetic incident\n");
        var paragraph = 0;
        foreach (var section in PostmortemTemplate.Sections)
        {
            text.Append($"\n## {section.Heading}\n\n");
            if (section.Placeholder is not null) text.Append(section.Placeholder == GeneratedSections.Timeline ? GeneratedSections.TimelineAll : section.Placeholder).Append("\n\n");
        }
        while (Encoding.UTF8.GetByteCount(text.ToString()) < bytes)
        {
            paragraph++;
            text.Append($"\n### Finding {paragraph}\n\nThe **replication lag** on shard {paragraph % 64} rose after the `config-push` at 11:{paragraph % 60:00} UTC; " +
                        $"see https://runbooks.example.com/shard-{paragraph % 64} and the dashboard[^f{paragraph}].\n\n" +
                        $"- [x] checked the error budget\n- [ ] confirm the alert threshold ({paragraph} pages)\n\n" +
                        $"| Metric | Before | After |\n|---|---:|---:|\n| p99 latency | {paragraph % 90 + 10} ms | {paragraph % 900 + 100} ms |\n\n" +
                        $"```\nERROR shard={paragraph % 64} lag_seconds={paragraph * 7 % 500}\n```\n\n[^f{paragraph}]: Internal dashboard, panel {paragraph}.\n");
        }
        return text.ToString();
    }
}
