using Bunit;
using Dashboard.Account;
using Dashboard.Changes;
using Dashboard.Data.Changes;
using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Changes;

/// <summary>The review's share of incidents linked to a change, by kind, and the services whose changes preceded them, on the seeded database.</summary>
public class ChangeReviewTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private const string CrowdStrike = "2024-07-19-crowdstrike-channel-file-291";
    private static readonly Actor Responder = Actor.Person("rita@example.com", Role.Responder);

    private ChangeQueries Queries => App.Get<ChangeQueries>();

    private async Task<int> IncidentCountAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.Incidents.CountAsync();
    }

    [Fact]
    public async Task The_seeded_triggers_link_four_incidents_three_of_them_to_configuration_changes()
    {
        var stats = await Queries.ReviewAsync(TestServices.Owner, new ReviewQuery());

        Assert.Equal((await IncidentCountAsync(), 4), (stats.Incidents, stats.Linked));
        Assert.Equal([(ChangeKind.Config, 3), (ChangeKind.Infrastructure, 1)], stats.ByKind.Select(k => (k.Kind, k.Incidents)));
        Assert.Equal(3.0 / stats.Incidents, stats.ByKind[0].Share, 10);
        Assert.All(stats.Services, s => Assert.Equal((1, 1), (s.Incidents, s.Triggers)));
        Assert.Contains(stats.Services, s => s.Key == "cf-clickhouse");
    }

    [Fact]
    public async Task An_incident_counts_once_however_many_changes_are_marked_and_a_service_marked_on_two_incidents_leads()
    {
        var commands = App.Get<ChangeCommands>();
        var deploy = await commands.RecordAsync(Responder, new ChangeInput
        {
            ExternalId = "review-deploy", Kind = "deploy", Services = ["cf-clickhouse"], StartedAt = "2024-07-19T03:00:00Z", Author = "ci", Title = "ClickHouse client rollout",
        });
        Assert.True((await commands.MarkAsync(Responder, await App.IncidentIdAsync(CrowdStrike), deploy.Id!.Value, ChangeRole.Contributing)).Succeeded);

        var stats = await Queries.ReviewAsync(TestServices.Owner, new ReviewQuery());

        Assert.Equal(4, stats.Linked);
        Assert.Equal((ChangeKind.Deploy, 1), stats.ByKind.Select(k => (k.Kind, k.Incidents)).Single(k => k.Kind == ChangeKind.Deploy));
        Assert.Equal(("cf-clickhouse", 2, 1), (stats.Services[0].Key, stats.Services[0].Incidents, stats.Services[0].Triggers));
    }

    [Fact]
    public async Task The_period_and_the_read_rule_apply_a_private_incident_counts_for_nobody_who_may_not_see_it()
    {
        Assert.True((await App.Get<IncidentAccessCommands>().SetPrivateAsync(TestServices.Owner, await App.IncidentIdAsync(Cloudflare), true)).Succeeded);
        var outsider = await App.UserAsync("otto@example.com", "Otto Outsider", Role.Responder);

        var seen = await Queries.ReviewAsync(outsider, new ReviewQuery());
        var since2025 = await Queries.ReviewAsync(TestServices.Owner, new ReviewQuery(From: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal((await IncidentCountAsync() - 1, 3), (seen.Incidents, seen.Linked));
        Assert.DoesNotContain(seen.Services, s => s.Key == "cf-clickhouse");
        Assert.Equal(3, since2025.Linked); // CrowdStrike (July 2024) is before the period
        Assert.DoesNotContain(since2025.Services, s => s.Key == "cs-rapid-response-content");
    }

    [Fact]
    public void Services_tied_on_incidents_are_ordered_by_triggers_then_by_name_and_shares_are_of_all_the_periods_incidents()
    {
        var stats = ChangeQueries.Summarise(10,
        [
            new(1, ChangeKind.Deploy, ChangeRole.Contributing, "b", "Beta"),
            new(2, ChangeKind.Deploy, ChangeRole.Contributing, "a", "Alpha"),
            new(3, ChangeKind.Config, ChangeRole.Trigger, "c", "Gamma"),
            new(3, ChangeKind.Deploy, ChangeRole.Contributing, "c", "Gamma"),
        ]);

        Assert.Equal(["Gamma", "Alpha", "Beta"], stats.Services.Select(s => s.Name));
        Assert.Equal([(ChangeKind.Deploy, 3, 0.3), (ChangeKind.Config, 1, 0.1)], stats.ByKind.Select(k => (k.Kind, k.Incidents, k.Share)));
        Assert.Equal((3, 0.3), (stats.Linked, stats.LinkedShare!.Value));
        Assert.Null(ChangeQueries.Summarise(0, []).LinkedShare);
    }
}

public sealed class ChangeReviewTestsOnPostgreSql : ChangeReviewTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}

/// <summary>The review's changes block as rendered.</summary>
public sealed class ChangeReviewSectionTests : MudTestContext
{
    [Fact]
    public void It_shows_the_linked_share_the_kinds_and_the_services_with_links_to_them()
    {
        var cut = Render<ChangeReviewSection>(p => p.Add(x => x.Query, new ReviewQuery()));

        cut.WaitForAssertion(() => Assert.Contains("are linked to a change (4 of", cut.Find("[data-testid=change-linked-share]").TextContent), TimeSpan.FromSeconds(5));
        var kinds = cut.FindAll("[data-testid=change-kinds] tbody tr").Select(r => r.TextContent).ToList();
        Assert.StartsWith("config3", kinds[0]);
        Assert.Contains(cut.FindAll("[data-testid=change-services] a"), a => a.GetAttribute("href") == "services/cf-clickhouse");
    }
}
