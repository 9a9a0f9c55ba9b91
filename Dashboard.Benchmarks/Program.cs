// Measures the speed targets of the issues on a synthetic data set (see docs/development.md, "Benchmarks").
// Usage: dotnet run -c Release --project Dashboard.Benchmarks -- [--db PATH] [--runs N] [--app PATH/Dashboard.dll] [--only catalog|browser|timeline-changes|audit|load|telemetry|status|mail|stores|search|api|changes|digests] [--postgres CONNECTION]
using Dashboard.Benchmarks;
using Dashboard.Data.Incidents;
using Dashboard.Data.Actions;
using Dashboard.Data.Synthetic;
using Severity = Dashboard.Data.Kernel.Severity;
using Microsoft.EntityFrameworkCore;
using Dashboard.Api;
using Dashboard.Data.Review;

var options = BenchOptions.Parse(args);
// The service catalog has its own database: 2,000 services and exactly 10,000 edges.
var catalogPath = Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, "catalog-2000.db");
Directory.CreateDirectory(Path.GetDirectoryName(catalogPath)!);
IDbContextFactory<IncidentBoardDbContext> catalogFactory = new BenchDbFactory($"Data Source={catalogPath}");
if (options.Only == "catalog")
{
    await RunCatalogAsync();
    return;
}
if (options.Only == "changes")
{
    await ChangesBench.RunAsync(Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, "changes-1m.db"), options.Runs, options.AppPath, options.Postgres);
    return;
}
if (options.Only == "search")
{
    await SearchBench.RunAsync(Path.GetDirectoryName(options.DatabasePath)!, options.Postgres ?? throw new ArgumentException("--only search needs --postgres \"<connection string>\""), options.Runs);
    return;
}
if (options.Only == "digests")
{
    await DigestBench.RunAsync(Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, "digest-10k.db"), options.DatabasePath, options.Runs);
    return;
}
if (options.Only == "audit")
{
    await AuditBench.RunAsync(Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, "audit-1m.db"), options.Runs);
    return;
}

IDbContextFactory<IncidentBoardDbContext> dbFactory = new BenchDbFactory($"Data Source={options.DatabasePath}");
await BenchDatabase.EnsureAsync(dbFactory, options.DatabasePath, SyntheticSize.Benchmark, seed: 42);
if (options.Only == "status" && options.AppPath is not null)
{
    await StatusFloodBench.MeasureAsync(options.AppPath, options.DatabasePath, options.Postgres);
    return;
}
if (options.Only == "mail" && options.AppPath is not null)
{
    await MailBench.MeasureAsync(options.AppPath, options.DatabasePath, dbFactory);
    return;
}
if (options.Only == "telemetry" && options.AppPath is not null)
{
    await BenchAccount.EnsureAsync(options.AppPath, options.DatabasePath);
    using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
    await using var browser = await BenchBrowser.LaunchAsync(playwright);
    await TelemetryCostBench.MeasureAsync(options.AppPath, options.DatabasePath, browser);
    return;
}
if (options.Only == "load" && options.AppPath is not null)
{
    await TimelineBrowserBench.EnsureIncidentAsync(dbFactory);
    string slug;
    await using (var db = await dbFactory.CreateDbContextAsync())
        // A synthetic incident from the middle of the data set, with its usual share of events and actions.
        slug = await db.Incidents.OrderBy(i => i.Id).Skip(5_000).Select(i => i.Slug).FirstAsync();
    await BenchAccount.EnsureAsync(options.AppPath, options.DatabasePath);
    await using var app = await AppProcess.StartAsync(options.AppPath, options.DatabasePath);
    using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
    await using var browser = await BenchBrowser.LaunchAsync(playwright);
    var signedIn = await BenchAccount.SignInAsync(browser, app.BaseUrl);
    await LoadBench.MeasureAsync(app, BenchAccount.CookieHeader(signedIn), slug);
    await CircuitBench.MeasureAsync(app, browser, signedIn);
    return;
}
if (options.Only == "stores")
{
    await StoreBench.RunAsync(options.DatabasePath, options.Postgres ?? throw new ArgumentException("--only stores needs --postgres \"<connection string>\""), options.Runs);
    return;
}
if (options.Only == "api")
{
    await ApiBench.RunAsync(dbFactory, options.Runs);
    return;
}
if (options.Only == "timeline-changes" && options.AppPath is not null)
{
    await TimelineBrowserBench.EnsureIncidentAsync(dbFactory);
    await TimelineBrowserBench.EnsureChangesIncidentAsync(dbFactory);
    await TimelineBrowserBench.MeasureChangesAsync(options.AppPath, options.DatabasePath, runs: Math.Min(options.Runs, 15));
    return;
}
if (options.Only == "browser" && options.AppPath is not null)
{
    await TimelineBrowserBench.EnsureIncidentAsync(dbFactory);
    await TimelineBrowserBench.MeasureServerAsync(dbFactory, runs: 10);
    await TimelineBrowserBench.MeasureAsync(options.AppPath, options.DatabasePath, runs: 5);
    await ReviewBrowserBench.MeasureAsync(options.AppPath, options.DatabasePath, runs: 5);
    return;
}

await using (var db = await dbFactory.CreateDbContextAsync())
    Console.WriteLine($"data set: {await db.Incidents.CountAsync():N0} incidents, {await db.TimelineEvents.CountAsync():N0} events, " +
                      $"{await db.RemediationActions.CountAsync():N0} actions, {await db.Services.CountAsync():N0} services");

var queries = new IncidentQueries(dbFactory, AggregateCache.PassThrough);
var report = new Report("incidents page, first page of 25 (server-side, target < 50 ms)", TimeSpan.FromMilliseconds(50));
var scenarios = new (string Name, IncidentListQuery Query)[]
{
    ("no filter, newest first", new()),
    ("severity = SEV1", new(Severities: [Severity.Sev1])),
    ("status = monitoring", new(Statuses: [IncidentStatus.Monitoring])),
    ("search 'replication lag'", new(Search: "replication lag")),
    ("search with no match", new(Search: "no such words anywhere")),
    ("sorted by duration", new(Sort: IncidentSort.Duration)),
    ("sorted by affected services", new(Sort: IncidentSort.AffectedServices)),
    ("page 200, sorted by title", new(Sort: IncidentSort.Title, Descending: false, Page: 200)),
};
foreach (var (name, query) in scenarios)
    await report.MeasureAsync(name, options.Runs, ct => queries.ListAsync(Actor.System, query, ct));
report.Print();

// Today is fixed inside the data set's range so "overdue" and "due soon" select real rows.
var actionQueries = new ActionQueries(dbFactory, new FixedTime(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)), AggregateCache.PassThrough);
var actions = new Report("actions page, first page of 25 and summary counts (server-side, target < 100 ms)", TimeSpan.FromMilliseconds(100));
var actionScenarios = new (string Name, ActionQuery Query)[]
{
    ("no filter, by due date", new()),
    ("status = open", new(Statuses: [ActionStatus.Open])),
    ("owner contains 'kim'", new(Owner: "kim")),
    ("team contains 'payments'", new(Team: "payments")),
    ("priority = P0", new(Priorities: [ActionPriority.P0])),
    ("kind = detect", new(Kinds: [ActionKind.Detect])),
    ("one incident", new(IncidentId: 5_000)),
    ("overdue only", new(OverdueOnly: true)),
    ("due in next 14 days", new(DueWithinDays: 14)),
    ("search 'replication'", new(Search: "replication")),
    ("sorted by age", new(Sort: ActionSort.Age)),
};
foreach (var (name, query) in actionScenarios)
    await actions.MeasureAsync(name, options.Runs, ct => actionQueries.ListAsync(Actor.System, query, ct));
await actions.MeasureAsync("summary counts, no filter", options.Runs, ct => actionQueries.SummaryAsync(Actor.System, new ActionQuery(), ct));
await actions.MeasureAsync("summary counts, team filter", options.Runs, ct => actionQueries.SummaryAsync(Actor.System, new ActionQuery(Team: "payments"), ct));
actions.Print();

// The synthetic data spans 2023–2025; periods are taken inside it so they select real rows.
var review = new Dashboard.Data.Review.ReviewQueries(dbFactory, new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), AggregateCache.PassThrough);
var reviewReport = new Report("review page aggregates (server-side, target < 200 ms)", TimeSpan.FromMilliseconds(200));
var end2025 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
var reviewScenarios = new (string Name, Dashboard.Data.Review.ReviewQuery Query)[]
{
    ("all time", new()),
    ("last 30 days", new(end2025.AddDays(-30), end2025)),
    ("last 90 days", new(end2025.AddDays(-90), end2025)),
    ("last 365 days", new(end2025.AddDays(-365), end2025)),
    ("all time, SEV1", new(Severities: [Severity.Sev1])),
    ("all time, one organisation", new(Organisation: "Payments")),
    ("all time, one service", new(ServiceId: 10)),
};
foreach (var (name, query) in reviewScenarios)
    await reviewReport.MeasureAsync(name, options.Runs, ct => review.GetAsync(Actor.System, query, ct));
reviewReport.Print();

await PostmortemBench.RunAsync(dbFactory, options.Runs);
await ApiBench.RunAsync(dbFactory, options.Runs);
await AuditBench.RunAsync(Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, "audit-1m.db"), options.Runs);

if (options.AppPath is not null)
{
    await ColdStart.MeasureAsync(options.AppPath, options.DatabasePath, runs: 3);
    await TimelineBrowserBench.EnsureIncidentAsync(dbFactory);
    await TimelineBrowserBench.MeasureServerAsync(dbFactory, runs: 10);
    await TimelineBrowserBench.MeasureAsync(options.AppPath, options.DatabasePath, runs: 5);
    await ReviewBrowserBench.MeasureAsync(options.AppPath, options.DatabasePath, runs: 5);
}

await RunCatalogAsync();

async Task RunCatalogAsync()
{
    await CatalogBench.EnsureAsync(catalogFactory, catalogPath);
    await CatalogBench.MeasureBlastRadiusAsync(catalogFactory);
    if (options.AppPath is not null) await CatalogBench.MeasureBrowserAsync(options.AppPath, catalogPath, runs: 5);
}
