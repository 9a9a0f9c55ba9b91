using System.Text.Json.Nodes;
using Dashboard.Data.Seeding;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;
using Dashboard.Account;

namespace Dashboard.Tests.Data;

public class SeedingTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="SeedingTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string CloudflareFile = "2025-11-18-cloudflare.json";
    private const string CloudflareSlug = "2025-11-18-cloudflare-bot-management";
    private TestServices _app = default!;
    private TestDatabase _db = default!;
    private SeedReport _report = default!;
    private readonly SeedFolder _folder = new();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store, seed: false);
        _db = _app.Database;
        _report = _app.Get<SeedReport>();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    private Task SeedAsync() => _app.Get<Seeder>().RunAsync(_folder.Path);

    [Fact]
    public async Task Migrations_create_every_table()
    {
        await using var db = _db.CreateDbContext();
        var tables = await db.Database.SqlQueryRaw<string>(Store == DatabaseProvider.PostgreSQL
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.Superset(new HashSet<string> { "Incidents", "TimelineEvents", "Services", "ServiceDependencies", "ServiceImpacts", "RemediationActions", "IncidentSources", "SeedFiles", "PostmortemTransitions", "AuditEntries", "__EFMigrationsHistory" }, tables.ToHashSet());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Seeding_imports_every_incident_and_the_catalog()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        Assert.Equal(6, await db.Incidents.CountAsync());
        Assert.All(_report.Files, f => Assert.Equal(SeedOutcome.Imported, f.Outcome));
        Assert.Equal(8, _report.Files.Count); // the catalog, six incidents and the changes that triggered them
        // All SEV1 except the regional Azure Front Door degradation of 9 Oct 2025 (SEV2, our rating).
        Assert.Equal(["2025-10-09-azure-front-door"], await db.Incidents.Where(i => i.Severity != Severity.Sev1).Select(i => i.Slug).ToListAsync());
        Assert.True(await db.Services.CountAsync() > 10);
    }

    [Fact]
    public async Task Seeding_keeps_the_exact_Cloudflare_timeline_times()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        var cf = await db.Incidents.Include(i => i.Events).Include(i => i.Actions).Include(i => i.Sources)
            .SingleAsync(i => i.Slug == CloudflareSlug);
        var times = cf.Events.Select(e => e.OccurredAt.ToString("HH:mm")).ToList();
        foreach (var t in new[] { "11:05", "11:20", "11:28", "11:30", "11:31", "11:32", "11:35", "13:04", "13:05", "13:10", "13:37", "14:30", "14:40", "15:30", "17:06" })
            Assert.Contains(t, times);
        Assert.Equal(2, times.Count(t => t == "14:24"));
        Assert.All(cf.Events, e => Assert.Equal(DateTimeKind.Utc, e.OccurredAt.Kind));
        Assert.All(cf.Events, e => Assert.Equal(new DateOnly(2025, 11, 18), DateOnly.FromDateTime(e.OccurredAt)));
        Assert.Equal(new DateTime(2025, 11, 18, 11, 5, 0, DateTimeKind.Utc), cf.TriggeredAt);
        Assert.Equal(new DateTime(2025, 11, 18, 17, 6, 0, DateTimeKind.Utc), cf.ResolvedAt);
        // Four published follow-ups, the configuration-system review and the three prevention projects of 5 December.
        Assert.Equal(8, cf.Actions.Count);
        Assert.Contains(cf.Sources, s => s.Url == "https://blog.cloudflare.com/18-november-2025-outage/");
    }

    [Fact]
    public async Task No_seeded_incident_is_mitigated_before_its_own_major_outages_end()
    {
        await SeedAsync();

        // mitigated is the end of the main customer impact (seed-data/README.md), so no major-outage window may outlast it.
        await using var db = _db.CreateDbContext();
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Impacts).ToListAsync();
        Assert.Equal(6, incidents.Count);
        Assert.All(incidents, i => Assert.All(i.Impacts.Where(x => x.Level == ImpactLevel.MajorOutage && x.EndedAt is not null),
            x => Assert.True(i.MitigatedAt >= x.EndedAt, $"{i.Slug}: mitigated {i.MitigatedAt:u} before a major outage ending {x.EndedAt:u}")));
    }

    [Fact]
    public async Task Aws_has_no_detected_time_because_07_38_is_when_the_cause_was_identified()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        var aws = await db.Incidents.AsNoTracking().Include(i => i.Events).SingleAsync(i => i.Slug == "2025-10-20-aws-us-east-1-dynamodb-dns");
        Assert.Null(aws.DetectedAt);
        Assert.Equal(new DateTime(2025, 10, 20, 17, 36, 0, DateTimeKind.Utc), aws.MitigatedAt);
        var identified = Assert.Single(aws.Events, e => e.OccurredAt == new DateTime(2025, 10, 20, 7, 38, 0, DateTimeKind.Utc));
        Assert.Equal(EventKind.Investigation, identified.Kind);
    }

    [Fact]
    public async Task Sources_with_a_public_address_carry_it_and_the_turnstile_edge_is_labelled_our_reading()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        var urls = await db.IncidentSources.AsNoTracking().Where(s => s.Url != null).Select(s => s.Url!).ToListAsync();
        Assert.Contains("https://news.barelyhuman.xyz/item/45965751", urls);
        Assert.Contains("https://status.xink.io/incidents/x1m2y60mh49k", urls);
        Assert.Contains("https://thehackernews.com/2024/08/crowdstrike-reveals-root-cause-of.html", urls);
        var turnstile = await db.Services.AsNoTracking().SingleAsync(s => s.Key == "cf-turnstile");
        Assert.Contains("FL2 core proxy in this catalog is our reading", turnstile.Description);
    }

    [Fact]
    public async Task Seeding_gives_the_Cloudflare_dashboard_two_impact_windows()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        var windows = await db.ServiceImpacts
            .Where(x => x.Service!.Key == "cf-dashboard")
            .OrderBy(x => x.StartedAt).Select(x => new { x.StartedAt, x.EndedAt }).ToListAsync();
        Assert.Equal(2, windows.Count);
        Assert.Equal(new DateTime(2025, 11, 18, 11, 30, 0, DateTimeKind.Utc), windows[0].StartedAt);
        Assert.Equal(new DateTime(2025, 11, 18, 13, 10, 0, DateTimeKind.Utc), windows[0].EndedAt);
        Assert.Equal(new DateTime(2025, 11, 18, 14, 40, 0, DateTimeKind.Utc), windows[1].StartedAt);
    }

    [Fact]
    public async Task Seeding_records_the_Cloudflare_dependency_chain()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        var edges = await db.ServiceDependencies
            .Select(d => d.Service!.Key + ">" + d.DependsOnService!.Key).ToListAsync();
        Assert.Contains("cf-feature-file-generator>cf-clickhouse", edges);
        Assert.Contains("cf-bot-management>cf-feature-file-generator", edges);
        Assert.Contains("cf-fl2-proxy>cf-bot-management", edges);
        Assert.Contains("cf-fl-proxy>cf-bot-management", edges);
        Assert.Contains("cf-workers-kv>cf-fl2-proxy", edges);
        Assert.Contains("cf-dashboard>cf-workers-kv", edges);
        Assert.Contains("cf-dashboard>cf-turnstile", edges);
    }

    [Fact]
    public async Task Seeded_actions_date_from_the_incident_not_from_the_import()
    {
        await SeedAsync();

        await using var db = _db.CreateDbContext();
        var rca = await db.RemediationActions.SingleAsync(a => a.Title == "Publish the full root cause analysis");
        Assert.Equal(ActionStatus.Done, rca.Status);
        Assert.Equal(new DateTime(2024, 7, 30, 0, 0, 0, DateTimeKind.Utc), rca.CreatedAt);
        Assert.True(rca.CompletedAt >= rca.CreatedAt);
        Assert.True(await db.RemediationActions.AllAsync(a => a.CreatedAt < new DateTime(2026, 1, 1)));
    }

    [Fact]
    public async Task A_second_start_adds_nothing()
    {
        await SeedAsync();
        var before = await CountsAsync();

        await SeedAsync();

        Assert.Equal(before, await CountsAsync());
        Assert.All(_report.Files, f => Assert.Equal(SeedOutcome.AlreadyImported, f.Outcome));
    }

    public static TheoryData<string, Action<JsonObject>, string> BadFiles => new()
    {
        { "duplicate timeline events", doc => doc["timeline"]!.AsArray().Add(doc["timeline"]![0]!.DeepClone()), "duplicate of timeline[0]" },
        { "missing required field", doc => doc.Remove("title"), "title: is required" },
        { "unknown service reference", doc => doc["impacts"]![0]!["service"] = "no-such-service", "impacts[0].service: unknown service 'no-such-service'" },
        { "impact window ending before it starts", doc => doc["impacts"]![0]!["end"] = "2025-11-18T09:00:00Z", "impacts[0].end: 2025-11-18 09:00 is before the window's start" },
        { "phase times out of order", doc => doc["phases"]!["detected"] = "2025-11-18T10:00:00Z", "phases: detected (2025-11-18 10:00) is before started" },
        { "more events than the limit", doc => doc["timeline"] = ManyEvents(10_001), "timeline: has 10001 items; the limit is 10000" },
        { "a time without a zone", doc => doc["timeline"]![3]!["at"] = "2025-11-18T11:28:00", "timeline[3].at: '2025-11-18T11:28:00' is not an ISO 8601 time with an offset" },
        { "an unknown field", doc => doc["sevrity"] = "SEV1", "sevrity: unknown field" },
        { "a javascript: source link", doc => doc["sources"]![0]!["url"] = "javascript:alert(1)", "sources[0].url: 'javascript:alert(1)' is not an absolute http or https URL" },
        { "an unknown severity", doc => doc["severity"] = "3", "severity: '3' is not one of: SEV1, SEV2, SEV3, SEV4" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_incident_file_is_rejected_whole_and_the_others_still_import(string _, Action<JsonObject> breakIt, string expectedProblem)
    {
        var doc = JsonNode.Parse(_folder.Read(CloudflareFile))!.AsObject();
        breakIt(doc);
        _folder.Write(CloudflareFile, doc.ToJsonString());

        await SeedAsync();

        var rejected = Assert.Single(_report.Rejected, f => f.FileName == CloudflareFile);
        Assert.Contains(rejected.Problems, p => p.Contains(expectedProblem, StringComparison.Ordinal));
        // 5 December is linked as a repeat of 18 November, so it is refused with it, for that link alone.
        var dependent = Assert.Single(_report.Rejected, f => f.FileName == "2025-12-05-cloudflare.json");
        Assert.Equal([$"links[0].slug: there is no incident '{CloudflareSlug}' (import the incident it links to first)"], dependent.Problems);
        await using var db = _db.CreateDbContext();
        Assert.Equal(4, await db.Incidents.CountAsync());
        Assert.False(await db.Incidents.AnyAsync(i => i.Slug == CloudflareSlug));
        Assert.False(await db.SeedFiles.AnyAsync(f => f.FileName == CloudflareFile));
        Assert.False(await db.TimelineEvents.AnyAsync(e => e.OccurredAt.Date == new DateTime(2025, 11, 18)));
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_the_reader_position()
    {
        _folder.Write(CloudflareFile, _folder.Read(CloudflareFile)[..500]);

        await SeedAsync();

        var rejected = Assert.Single(_report.Rejected, f => f.FileName == CloudflareFile);
        Assert.Matches(@"^malformed JSON at line \d+, column \d+", rejected.Problems[0]);
    }

    [Fact]
    public async Task A_rejected_file_imports_at_the_next_start_once_fixed()
    {
        var good = _folder.Read(CloudflareFile);
        _folder.Write(CloudflareFile, "{ not json");
        await SeedAsync();
        Assert.Contains(_report.Rejected, f => f.FileName == CloudflareFile);

        _folder.Write(CloudflareFile, good);
        await SeedAsync();

        Assert.Empty(_report.Rejected);
        await using var db = _db.CreateDbContext();
        Assert.True(await db.Incidents.AnyAsync(i => i.Slug == CloudflareSlug));
    }

    [Fact]
    public async Task A_catalog_with_a_dependency_cycle_is_rejected_and_names_the_cycle()
    {
        var doc = JsonNode.Parse(_folder.Read("services.json"))!.AsObject();
        doc["dependencies"]!.AsArray().Add(new JsonObject { ["service"] = "cf-clickhouse", ["dependsOn"] = "cf-dashboard" });
        _folder.Write("services.json", doc.ToJsonString());

        await SeedAsync();

        var catalog = Assert.Single(_report.Rejected, f => f.FileName == "services.json");
        Assert.Contains(catalog.Problems, p => p.StartsWith("dependencies: form a cycle:") && p.Contains("cf-clickhouse"));
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Services.CountAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_rejected_before_it_is_parsed()
    {
        _folder.Write(CloudflareFile, new string(' ', 6 * 1024 * 1024));

        await SeedAsync();

        Assert.Contains("the limit is 5120 KB", Assert.Single(_report.Rejected, f => f.FileName == CloudflareFile).Problems[0]);
    }

    [Fact]
    public async Task A_missing_seed_folder_is_reported_and_nothing_is_written()
    {
        await _app.Get<Seeder>().RunAsync(_folder.File("nope"));

        Assert.Equal("The seed folder does not exist.", _report.DirectoryProblem);
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
    }

    private static JsonArray ManyEvents(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["at"] = new DateTime(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc).AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["kind"] = "note",
            ["text"] = $"event {i}",
        })];

    private async Task<(int, int, int, int, int)> CountsAsync()
    {
        await using var db = _db.CreateDbContext();
        return (await db.Incidents.CountAsync(), await db.TimelineEvents.CountAsync(), await db.ServiceImpacts.CountAsync(),
            await db.RemediationActions.CountAsync(), await db.Services.CountAsync());
    }
}

public sealed class SeedingTestsOnPostgreSql : SeedingTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
