using System.Diagnostics;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Dashboard.Api;

namespace Dashboard.Benchmarks;

/// <summary>
/// The HTTP API's targets on the 10,000-incident data set: the incidents list's first page and a
/// cursor page deep in the list under 20 ms each (server-side: the query the endpoint runs), and a
/// bulk add of 1,000 timeline events through the door under 500 ms.
/// </summary>
public static class ApiBench
{
    public static async Task RunAsync(IDbContextFactory<IncidentBoardDbContext> factory, int runs)
    {
        var feed = new IncidentFeed(factory);
        var viewer = Actor.Person("bench@example.com", Role.Responder) with { UserId = "bench" };
        var report = new Report("incidents list API, 50 per page, cursor paging (server-side, target < 20 ms)", TimeSpan.FromMilliseconds(20));
        await report.MeasureAsync("first page", runs, ct => feed.PageAsync(viewer, new IncidentListQuery(), null, 50, ct));
        await report.MeasureAsync("first page, severity = SEV1", runs, ct => feed.PageAsync(viewer, new IncidentListQuery(Severities: [Severity.Sev1]), null, 50, ct));
        // Walk to page 180 of 200 (row 9,000) by following the cursors, then time that page alone.
        string? cursor = null;
        for (var page = 0; page < 180; page++) cursor = (await feed.PageAsync(viewer, new IncidentListQuery(), cursor, 50)).NextCursor;
        await report.MeasureAsync("page 181 (rows 9,001–9,050) by cursor", runs, ct => feed.PageAsync(viewer, new IncidentListQuery(), cursor, 50, ct));
        report.Print();

        var door = new WriteDoor(factory, new ChangeBus(), TimeProvider.System, NullLogger<WriteDoor>.Instance, new Dashboard.Data.Incidents.IncidentAccess(), [new Dashboard.Data.Webhooks.WebhookOutbox()]);
        var bulk = new BulkTimelineCommands(door);
        var writer = Actor.Person("bench@example.com", Role.Responder).Via(ChangeSource.Api);
        var times = new List<double>();
        var incidentIds = await IncidentIdsAsync(factory, runs + 3);
        for (var run = 0; run < runs + 3; run++)
        {
            var incidentId = incidentIds[run];
            var events = Enumerable.Range(0, 1_000).Select(n => new EventInput
            {
                OccurredAt = $"2025-06-01 {n / 60 % 24:00}:{n % 60:00}", Kind = EventKind.Investigation, Text = $"bench line {n}: checked the replica lag",
            }).ToList();
            var sw = Stopwatch.StartNew();
            var result = await bulk.AddManyAsync(writer, incidentId, events);
            sw.Stop();
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Values));
            if (run >= 3) times.Add(sw.Elapsed.TotalMilliseconds); // the first three warm up
            await UndoAsync(factory, incidentId);
        }
        times.Sort();
        Console.WriteLine($"\nbulk add of 1,000 timeline events through the door, one transaction (target < 500 ms)");
        Console.WriteLine($"  median {times[times.Count / 2]:F1} ms   p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} ms   max {times[^1]:F1} ms   ({times.Count} runs)");
    }

    private static async Task<List<int>> IncidentIdsAsync(IDbContextFactory<IncidentBoardDbContext> factory, int count)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).Take(count).ToListAsync();
    }

    /// <summary>Leaves the shared data set as it was, so later runs measure the same thing.</summary>
    private static async Task UndoAsync(IDbContextFactory<IncidentBoardDbContext> factory, int incidentId)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.TimelineEvents.Where(e => e.IncidentId == incidentId && e.Source == EventSource.Api).ExecuteDeleteAsync();
        await db.AuditEntries.Where(e => e.IncidentId == incidentId && e.Actor == "bench@example.com").ExecuteDeleteAsync();
    }
}
