using Dashboard.Data.Actions;
using Dashboard.Data.Budgets;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Learning;
using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Dashboard.Incidents;

namespace Dashboard.Tests.Data;

/// <summary>
/// The cached aggregates (review report and its sections, actions summary and pages, the incidents
/// and services lists, the incident page's record, links and timeline) never show a stale number: a
/// write is seen on the very next read, and what one viewer may see is never served to another.
/// </summary>
public class AggregateCacheTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    [Fact]
    public async Task A_declared_incident_is_counted_by_the_next_review()
    {
        var reviews = App.Get<ReviewQueries>();
        var before = await reviews.GetAsync(TestServices.Owner, new ReviewQuery());
        Assert.Same(before, await reviews.GetAsync(TestServices.Owner, new ReviewQuery())); // served from the cache

        var created = await App.Get<IncidentCommands>().CreateAsync(TestServices.Owner,
            new IncidentInput { Title = "Disk full", Organisation = "Ops", Summary = "Logs filled the disk.", Started = "2025-11-20 10:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));

        Assert.Equal(before.Incidents + 1, (await reviews.GetAsync(TestServices.Owner, new ReviewQuery())).Incidents);
    }

    [Fact]
    public async Task An_added_action_is_counted_by_the_next_summary_and_listed_on_the_next_page()
    {
        var actions = App.Get<ActionQueries>();
        var summary = await actions.SummaryAsync(TestServices.Owner, new ActionQuery());
        var page = await actions.ListAsync(TestServices.Owner, new ActionQuery());

        var added = await App.Get<ActionCommands>().CreateAsync(TestServices.Owner, await App.IncidentIdAsync(Cloudflare),
            new ActionInput { Title = "Cap the feature file's size", Owner = "kim" });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));

        Assert.Equal(summary.Open + 1, (await actions.SummaryAsync(TestServices.Owner, new ActionQuery())).Open);
        Assert.Equal(page.Total + 1, (await actions.ListAsync(TestServices.Owner, new ActionQuery())).Total);
    }

    [Fact]
    public async Task A_declared_incident_is_on_the_next_incidents_page_and_its_organisation_in_the_review_filter()
    {
        var incidents = App.Get<IncidentQueries>();
        var reviews = App.Get<ReviewQueries>();
        var page = await incidents.ListAsync(TestServices.Owner, new IncidentListQuery());
        Assert.Same(page, await incidents.ListAsync(TestServices.Owner, new IncidentListQuery())); // served from the cache
        Assert.DoesNotContain("Night Shift Ops", await reviews.OrganisationsAsync(TestServices.Owner));

        var created = await App.Get<IncidentCommands>().CreateAsync(TestServices.Owner,
            new IncidentInput { Title = "Disk full", Organisation = "Night Shift Ops", Summary = "Logs filled the disk.", Started = "2030-01-02 03:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));

        var next = await incidents.ListAsync(TestServices.Owner, new IncidentListQuery());
        Assert.Equal(page.Total + 1, next.Total);
        Assert.Equal("Disk full", next.Items[0].Title); // the newest start comes first
        Assert.Contains("Night Shift Ops", await reviews.OrganisationsAsync(TestServices.Owner));
    }

    [Fact]
    public async Task A_new_service_and_its_first_impact_are_on_the_next_catalog_page()
    {
        var catalog = App.Get<ServiceCatalogQueries>();
        var before = await catalog.ListAsync(TestServices.Owner, search: null, includeArchived: false);
        var added = await App.Get<ServiceCatalogCommands>().CreateAsync(TestServices.Owner,
            new ServiceInput { Key = "night-batch", Name = "Night batch", Group = "Internal" });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
        Assert.Equal(before.Total + 1, (await catalog.ListAsync(TestServices.Owner, search: null, includeArchived: false)).Total);
        Assert.Equal(0, Assert.Single((await catalog.ListAsync(TestServices.Owner, "night-batch", includeArchived: false)).Items).IncidentCount);

        var impact = await App.Get<ImpactCommands>().AddAsync(TestServices.Owner, await App.IncidentIdAsync(Cloudflare),
            new ImpactInput { ServiceId = added.Id, Level = ImpactLevel.Degraded, Start = "2025-11-18 11:30", End = "2025-11-18 12:00" });
        Assert.True(impact.Succeeded, string.Join("; ", impact.Errors.Values));

        Assert.Equal(1, Assert.Single((await catalog.ListAsync(TestServices.Owner, "night-batch", includeArchived: false)).Items).IncidentCount);
    }

    [Fact]
    public async Task A_repeat_link_and_a_new_impact_are_in_the_next_reviews_repeats_and_budgets()
    {
        var learning = App.Get<LearningQueries>();
        var budgets = App.Get<BudgetQueries>();
        var repeats = await learning.RepeatsAsync(TestServices.Owner, new ReviewQuery());
        var budget = await budgets.ForReviewAsync(TestServices.Owner, new ReviewQuery());
        Assert.Same(budget, await budgets.ForReviewAsync(TestServices.Owner, new ReviewQuery())); // served from the cache

        var created = await App.Get<IncidentCommands>().CreateAsync(TestServices.Owner,
            new IncidentInput { Title = "Bot feature file too large again", Organisation = "Cloudflare", Summary = "The same file grew past its limit.", Started = "2030-01-02 03:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        var link = await App.Get<IncidentLinkCommands>().AddAsync(TestServices.Owner, created.Id!.Value, IncidentLinkKind.Repeats, Cloudflare);
        Assert.True(link.Succeeded, string.Join("; ", link.Errors.Values));
        int fl2;
        string slug;
        await using (var db = App.Database.CreateDbContext())
        {
            fl2 = db.Services.Single(s => s.Key == "cf-fl2-proxy").Id;
            slug = db.Incidents.Single(i => i.Id == created.Id).Slug;
        }
        var impact = await App.Get<ImpactCommands>().AddAsync(TestServices.Owner, created.Id.Value,
            new ImpactInput { ServiceId = fl2, Level = ImpactLevel.MajorOutage, Start = "2030-01-02 03:00", End = "2030-01-02 05:00" });
        Assert.True(impact.Succeeded, string.Join("; ", impact.Errors.Values));

        Assert.Equal(repeats.Repeats + 1, (await learning.RepeatsAsync(TestServices.Owner, new ReviewQuery())).Repeats);
        // Two hours of FL2 down is several times its monthly budget, and the new incident has no published postmortem.
        Assert.DoesNotContain(budget.MissingRequiredPostmortems, c => c.Slug == slug);
        Assert.Contains((await budgets.ForReviewAsync(TestServices.Owner, new ReviewQuery())).MissingRequiredPostmortems, c => c.Slug == slug);
    }

    [Fact]
    public async Task A_new_impact_and_link_are_on_the_next_incident_page()
    {
        var incidents = App.Get<IncidentQueries>();
        var learning = App.Get<LearningQueries>();
        var id = await App.IncidentIdAsync(Cloudflare);
        var detail = (await incidents.GetAsync(TestServices.Owner, Cloudflare))!;
        var related = await learning.RelatedAsync(TestServices.Owner, id);
        Assert.Same(detail, await incidents.GetAsync(TestServices.Owner, Cloudflare)); // served from the cache

        int service;
        await using (var db = App.Database.CreateDbContext())
            service = db.Services.Single(s => s.Key == "cf-fl2-proxy").Id;
        var impact = await App.Get<ImpactCommands>().AddAsync(TestServices.Owner, id,
            new ImpactInput { ServiceId = service, Level = ImpactLevel.Degraded, Start = "2025-11-18 17:10", End = "2025-11-18 17:40" });
        Assert.True(impact.Succeeded, string.Join("; ", impact.Errors.Values));
        var link = await App.Get<IncidentLinkCommands>().AddAsync(TestServices.Owner, id, IncidentLinkKind.RelatedTo, "2024-07-19-crowdstrike-channel-file-291");
        Assert.True(link.Succeeded, string.Join("; ", link.Errors.Values));

        Assert.Equal(detail.Impacts.Count + 1, (await incidents.GetAsync(TestServices.Owner, Cloudflare))!.Impacts.Count);
        Assert.Equal(related.Links.Count + 1, (await learning.RelatedAsync(TestServices.Owner, id)).Links.Count);
    }

    [Fact]
    public async Task An_added_event_is_on_the_next_timeline_and_it_is_shared_until_then()
    {
        var timelines = App.Get<TimelineQueries>();
        var id = await App.IncidentIdAsync(Cloudflare);
        var before = (await timelines.GetAsync(TestServices.Owner, id))!;
        Assert.Same(before, await timelines.GetAsync(TestServices.Owner, id)); // everyone with it open shares one copy

        var added = await App.Get<TimelineCommands>().AddAsync(TestServices.Owner, id,
            new EventInput { OccurredAt = "2025-11-18 17:20", Kind = EventKind.Communication, Text = "Cache test: final status page update" });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));

        var after = (await timelines.GetAsync(TestServices.Owner, id))!;
        Assert.Equal(before.Events.Count + 1, after.Events.Count);
        Assert.Contains(after.Events, e => e.Text == "Cache test: final status page update");
    }

    [Fact]
    public async Task A_private_incident_counted_for_its_member_is_not_served_from_the_cache_to_an_outsider()
    {
        var member = await App.UserAsync("mia@example.com", "Mia Member", Role.Viewer);
        var outsider = await App.UserAsync("vera@example.com", "Vera Viewer", Role.Viewer);
        var incident = await App.IncidentIdAsync(Cloudflare);
        var access = App.Get<IncidentAccessCommands>();
        Assert.True((await access.AddMemberAsync(TestServices.Owner, incident, member.UserId!)).Succeeded);
        Assert.True((await access.SetPrivateAsync(TestServices.Owner, incident, true)).Succeeded);
        var reviews = App.Get<ReviewQueries>();
        var actions = App.Get<ActionQueries>();

        // The member asks first, so a cache keyed without what the viewer may see would hand the outsider their numbers.
        var memberReview = await reviews.GetAsync(member, new ReviewQuery());
        var memberActions = await actions.SummaryAsync(member, new ActionQuery());
        var outsiderReview = await reviews.GetAsync(outsider, new ReviewQuery());
        var outsiderActions = await actions.SummaryAsync(outsider, new ActionQuery());

        Assert.Equal(memberReview.Incidents - 1, outsiderReview.Incidents);
        Assert.DoesNotContain(outsiderReview.IncidentList, i => i.Slug == Cloudflare);
        Assert.True(outsiderActions.Open + outsiderActions.InProgress < memberActions.Open + memberActions.InProgress);
    }

    [Fact]
    public async Task The_pass_through_the_benchmarks_use_computes_every_read_and_shares_nothing()
    {
        var reviews = new ReviewQueries(App.Database, TimeProvider.System, AggregateCache.PassThrough);

        var first = await reviews.GetAsync(TestServices.Owner, new ReviewQuery());
        var second = await reviews.GetAsync(TestServices.Owner, new ReviewQuery());

        Assert.NotSame(first, second); // the app's cache hands out the same instance (see the first test)
        Assert.Equal(first.Incidents, second.Incidents);
    }
}

public sealed class AggregateCacheTestsOnPostgreSql : AggregateCacheTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
