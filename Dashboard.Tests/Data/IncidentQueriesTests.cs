using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class IncidentQueriesTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="IncidentQueriesTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private TestServices _app = default!;
    private IncidentQueries _queries = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _queries = _app.Get<IncidentQueries>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_list_is_newest_first_by_default()
    {
        var page = await _queries.ListAsync(Actor.System, new IncidentListQuery());

        Assert.Equal(6, page.Total);
        Assert.Equal(
            ["2025-12-05-cloudflare-waf-killswitch", "2025-11-18-cloudflare-bot-management", "2025-10-29-azure-front-door", "2025-10-20-aws-us-east-1-dynamodb-dns", "2025-10-09-azure-front-door", "2024-07-19-crowdstrike-channel-file-291"],
            page.Items.Select(i => i.Slug));
    }

    [Fact]
    public async Task Search_matches_title_organisation_and_summary_case_insensitively()
    {
        var byTitle = await _queries.ListAsync(Actor.System, new IncidentListQuery(Search: "BOT MANAGEMENT"));
        var byOrganisation = await _queries.ListAsync(Actor.System, new IncidentListQuery(Search: "crowdstrike"));

        Assert.Equal("2025-11-18-cloudflare-bot-management", Assert.Single(byTitle.Items).Slug);
        Assert.Equal(1, byTitle.Total);
        Assert.Equal("2024-07-19-crowdstrike-channel-file-291", Assert.Single(byOrganisation.Items).Slug);
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_text()
    {
        // Unescaped, "_" would match any character and "c_oudflare" would find Cloudflare.
        var page = await _queries.ListAsync(Actor.System, new IncidentListQuery(Search: "c_oudflare"));

        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task Filters_by_severity_and_status_run_together()
    {
        Assert.Equal(5, (await _queries.ListAsync(Actor.System, new IncidentListQuery(Severities: [Severity.Sev1]))).Total);
        Assert.Equal("2025-10-09-azure-front-door", Assert.Single((await _queries.ListAsync(Actor.System, new IncidentListQuery(Severities: [Severity.Sev2, Severity.Sev3]))).Items).Slug);
        Assert.Equal(0, (await _queries.ListAsync(Actor.System, new IncidentListQuery(Statuses: [IncidentStatus.Investigating]))).Total);
    }

    [Fact]
    public async Task Sorting_by_duration_uses_the_computed_column()
    {
        var page = await _queries.ListAsync(Actor.System, new IncidentListQuery(Sort: IncidentSort.Duration, Descending: false));

        // Shortest first: Cloudflare 5 Dec (08:47–09:12), then Cloudflare 18 Nov (11:20–17:06).
        Assert.Equal(["2025-12-05-cloudflare-waf-killswitch", "2025-11-18-cloudflare-bot-management"], page.Items.Take(2).Select(i => i.Slug));
        Assert.Equal(25, page.Items[0].DurationMinutes!.Value, precision: 3);
        Assert.Equal(346, page.Items[1].DurationMinutes!.Value, precision: 3);
        Assert.Equal("2024-07-19-crowdstrike-channel-file-291", page.Items.Last().Slug);
    }

    [Fact]
    public async Task Paging_returns_the_requested_slice_and_the_full_total()
    {
        var second = await _queries.ListAsync(Actor.System, new IncidentListQuery(Page: 1, PageSize: 3));

        Assert.Equal(6, second.Total);
        Assert.Equal(["2025-10-20-aws-us-east-1-dynamodb-dns", "2025-10-09-azure-front-door", "2024-07-19-crowdstrike-channel-file-291"], second.Items.Select(i => i.Slug));
    }

    [Fact]
    public async Task The_list_counts_distinct_affected_services()
    {
        var page = await _queries.ListAsync(Actor.System, new IncidentListQuery(Search: "bot management"));

        // Ten windows, but the dashboard and core traffic have two each: eight services.
        Assert.Equal(8, Assert.Single(page.Items).AffectedServices);
    }

    [Fact]
    public async Task The_detail_has_the_phases_durations_and_everything_in_order()
    {
        var cf = await _queries.GetAsync(Actor.System, "2025-11-18-cloudflare-bot-management");

        Assert.NotNull(cf);
        Assert.Equal(TimeSpan.FromMinutes(11), cf.Phases.TimeToDetect);
        Assert.Equal(new TimeSpan(5, 46, 0), cf.Phases.TimeToResolve);
        Assert.Equal(20, cf.EventCount);
        Assert.Equal(2, cf.Impacts.Count(i => i.ServiceKey == "cf-dashboard"));
        // Four public follow-ups, the configuration-system review and the three prevention projects disclosed on 5 Dec.
        Assert.Equal(8, cf.ActionCount);
        Assert.NotEmpty(cf.Sources);
    }

    [Fact]
    public async Task An_unknown_slug_has_no_detail() => Assert.Null(await _queries.GetAsync(Actor.System, "nope"));
}

public sealed class IncidentQueriesTestsOnPostgreSql : IncidentQueriesTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
