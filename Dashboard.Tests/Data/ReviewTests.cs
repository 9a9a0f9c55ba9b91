using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Incidents;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class ReviewTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="ReviewTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private TestServices _app = default!;
    private ReviewQueries _review = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _review = _app.Get<ReviewQueries>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task All_time_has_the_incidents_by_severity_with_their_medians()
    {
        var report = await _review.GetAsync(Actor.System, new ReviewQuery());

        Assert.Equal(6, report.Incidents);
        Assert.Equal([(Severity.Sev1, 5), (Severity.Sev2, 1)], report.BySeverity.Select(s => (s.Severity, s.Incidents)).OrderBy(s => s.Severity));
        var sev1 = report.BySeverity.Single(s => s.Severity == Severity.Sev1);
        // Detect: Cloudflare 5 Dec 3, Cloudflare 18 Nov 11, Azure 23. AWS published no detection time (07:38 is when
        // it had identified the cause) and CrowdStrike none: both are counted as missing.
        Assert.Equal(11, sev1.Detect.MedianMinutes);
        Assert.Equal((3, 2), (sev1.Detect.Measured, sev1.Detect.Missing));
        // Resolve: 25, 346, 504, 872 and 15,591 minutes.
        Assert.Equal(504, sev1.Resolve.MedianMinutes!.Value, precision: 3);
        // Azure 9 Oct (SEV2): no detection time published, resolved after 490 minutes.
        var sev2 = report.BySeverity.Single(s => s.Severity == Severity.Sev2);
        Assert.Equal((0, 1), (sev2.Detect.Measured, sev2.Detect.Missing));
        Assert.Equal(490, sev2.Resolve.MedianMinutes!.Value, precision: 3);
        Assert.Equal(6, report.WithoutPublishedPostmortem);
        Assert.Equal(33, report.Actions.Total);
        Assert.Equal(6, report.IncidentList.Count);
    }

    [Fact]
    public async Task Every_duration_carries_its_sample_size_and_an_interval_from_three_incidents()
    {
        var report = await _review.GetAsync(Actor.System, new ReviewQuery());

        var sev1 = report.BySeverity.Single(s => s.Severity == Severity.Sev1);
        Assert.Equal(5, sev1.Resolve.Measured);
        var (low, high) = sev1.Resolve.MedianInterval!.Value;
        Assert.True(low <= 504 && 504 <= high, $"{low} – {high}");
        Assert.NotNull(sev1.Detect.MedianInterval); // three detection times are the least an interval is shown for
        Assert.Null(report.BySeverity.Single(s => s.Severity == Severity.Sev2).Resolve.MedianInterval); // one incident
        // All time has nothing before it to compare with; every incident is a point of the strip plot.
        Assert.Null(report.Previous);
        Assert.All(report.Phases, p => Assert.Null(p.Difference));
        Assert.Equal(6, report.Phases.Single(p => p.Phase == DurationPhase.Resolve).Current.Measured);
        Assert.Equal(6, report.Points.Count);
    }

    [Fact]
    public async Task A_bounded_period_is_compared_with_the_one_before_and_says_when_a_difference_is_not_detectable()
    {
        var from = new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var report = await _review.GetAsync(Actor.System, new ReviewQuery(From: from, To: from.AddDays(61)));

        // 61 days back: 1 September to 1 November holds AWS 20 Oct and both Azure incidents.
        Assert.Equal(new PreviousPeriod(new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc), from, 3), report.Previous);
        var resolve = report.Phases.Single(p => p.Phase == DurationPhase.Resolve);
        // Resolve: Cloudflare 25 and 346 minutes against 490, 504 and 872. U = 0; of the C(5, 2) = 10 splits
        // of the ranks one is as low and one as high, so p = 2/10.
        Assert.Equal((2, 3), (resolve.Current.Measured, resolve.Previous!.Measured));
        Assert.Equal(0.2, resolve.Difference!.PValue!.Value, precision: 12);
        Assert.StartsWith("not detectable with 2 and 3 incidents (Mann-Whitney U test", resolve.Difference.Verdict);
        // Detect: only Azure 29 Oct published a detection time in the period before.
        var detect = report.Phases.Single(p => p.Phase == DurationPhase.Detect);
        Assert.Null(detect.Difference!.PValue);
        Assert.Equal(["2025-12-05-cloudflare-waf-killswitch", "2025-11-18-cloudflare-bot-management"], report.Points.Select(p => p.Slug));
    }

    [Fact]
    public async Task Impact_minutes_merge_overlapping_windows_of_a_service()
    {
        var cloudflare = await _review.GetAsync(Actor.System, new ReviewQuery(From: new DateTime(2025, 11, 18, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2025, 11, 19, 0, 0, 0, DateTimeKind.Utc), Organisation: "Cloudflare"));

        Assert.DoesNotContain(cloudflare.TopServicesByIncidents.Concat(cloudflare.TopServicesByImpact), s => s.Name == "?");
        var dashboard = cloudflare.TopServicesByImpact.Concat(cloudflare.TopServicesByIncidents).First(s => s.Name == "Core CDN and security traffic");
        // 11:20–14:30 major plus 14:30–17:06 degraded touch: 346 minutes, not counted twice.
        Assert.Equal(346, dashboard.ImpactMinutes, precision: 3);
    }

    [Fact]
    public async Task The_period_includes_its_start_and_excludes_its_end()
    {
        var cfStart = new DateTime(2025, 11, 18, 11, 20, 0, DateTimeKind.Utc);

        var from = await _review.GetAsync(Actor.System, new ReviewQuery(From: cfStart, To: cfStart.AddDays(1)));
        var until = await _review.GetAsync(Actor.System, new ReviewQuery(From: cfStart.AddDays(-40), To: cfStart));

        Assert.Equal(["2025-11-18-cloudflare-bot-management"], from.IncidentList.Select(i => i.Slug));
        Assert.Equal(["2025-10-29-azure-front-door", "2025-10-20-aws-us-east-1-dynamodb-dns"], until.IncidentList.Select(i => i.Slug));
    }

    [Fact]
    public async Task Monthly_trends_count_incidents_in_their_utc_month()
    {
        var report = await _review.GetAsync(Actor.System, new ReviewQuery(From: new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal([new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 1)], report.Months.Select(m => m.Month));
        Assert.Equal(2, report.Months[0].IncidentsBySeverity[Severity.Sev1]);
        Assert.Equal(346, report.Months[1].MedianResolveMinutes!.Value, precision: 3);
    }

    [Fact]
    public async Task Action_progress_and_completion_follow_the_actions()
    {
        await using (var db = _app.Database.CreateDbContext())
        {
            var cf = await db.Incidents.SingleAsync(i => i.Slug == "2025-11-18-cloudflare-bot-management");
            var actions = await db.RemediationActions.Where(a => a.IncidentId == cf.Id).OrderBy(a => a.Id).ToListAsync();
            actions[0].Status = ActionStatus.Done;
            actions[0].CompletedAt = new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc);
            actions[1].Status = ActionStatus.WontDo;
            actions[1].WontDoReason = "Superseded";
            await db.SaveChangesAsync();
        }

        var report = await _review.GetAsync(Actor.System, new ReviewQuery(From: new DateTime(2025, 11, 18, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2025, 11, 19, 0, 0, 0, DateTimeKind.Utc), Organisation: "Cloudflare"));
        var january = await _review.GetAsync(Actor.System, new ReviewQuery(From: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc)));

        // Eight actions on 18 Nov: one set done here, one won't-do, three in progress (two published follow-ups and the
        // configuration-system review) and the three prevention projects done on 1 May 2026.
        Assert.Equal((8, 3, 4, 1), (report.Actions.Total, report.Actions.Open, report.Actions.Done, report.Actions.WontDo));
        Assert.Equal(4 / 7.0, report.Actions.CompletionRate!.Value, precision: 6);
        Assert.Equal((4, 7), (report.IncidentList[0].ActionsDone, report.IncidentList[0].ActionsTotal));
        Assert.Equal(0, january.Incidents);
        Assert.Equal(1, january.Actions.DoneInPeriod);
    }

    [Fact]
    public void The_one_line_summary_is_the_first_sentence() =>
        Assert.Equal("On 18 November a **change** broke it.".Replace("**", ""), ReviewQueries.OneLine("On 18 November a **change** broke it. Then more."));
}

public sealed class ReviewTestsOnPostgreSql : ReviewTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
