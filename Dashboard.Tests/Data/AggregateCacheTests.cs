using Dashboard.Data.Actions;
using Dashboard.Data.Door;
using Dashboard.Data.Incidents;
using Dashboard.Data.Providers;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Data;

/// <summary>
/// The cached aggregates (review report, actions summary and pages) never show a stale number: a
/// write is seen on the very next read, and what one viewer may see is never served to another.
/// </summary>
public class AggregateCacheTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="AggregateCacheTestsOnPostgreSql"/> runs them again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_declared_incident_is_counted_by_the_next_review()
    {
        var reviews = _app.Get<ReviewQueries>();
        var before = await reviews.GetAsync(TestServices.Owner, new ReviewQuery());
        Assert.Same(before, await reviews.GetAsync(TestServices.Owner, new ReviewQuery())); // served from the cache

        var created = await _app.Get<IncidentCommands>().CreateAsync(TestServices.Owner,
            new IncidentInput { Title = "Disk full", Organisation = "Ops", Summary = "Logs filled the disk.", Started = "2025-11-20 10:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));

        Assert.Equal(before.Incidents + 1, (await reviews.GetAsync(TestServices.Owner, new ReviewQuery())).Incidents);
    }

    [Fact]
    public async Task An_added_action_is_counted_by_the_next_summary_and_listed_on_the_next_page()
    {
        var actions = _app.Get<ActionQueries>();
        var summary = await actions.SummaryAsync(TestServices.Owner, new ActionQuery());
        var page = await actions.ListAsync(TestServices.Owner, new ActionQuery());

        var added = await _app.Get<ActionCommands>().CreateAsync(TestServices.Owner, await _app.IncidentIdAsync(Cloudflare),
            new ActionInput { Title = "Cap the feature file's size", Owner = "kim" });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));

        Assert.Equal(summary.Open + 1, (await actions.SummaryAsync(TestServices.Owner, new ActionQuery())).Open);
        Assert.Equal(page.Total + 1, (await actions.ListAsync(TestServices.Owner, new ActionQuery())).Total);
    }

    [Fact]
    public async Task A_private_incident_counted_for_its_member_is_not_served_from_the_cache_to_an_outsider()
    {
        var member = await _app.UserAsync("mia@example.com", "Mia Member", Role.Viewer);
        var outsider = await _app.UserAsync("vera@example.com", "Vera Viewer", Role.Viewer);
        var incident = await _app.IncidentIdAsync(Cloudflare);
        var access = _app.Get<IncidentAccessCommands>();
        Assert.True((await access.AddMemberAsync(TestServices.Owner, incident, member.UserId!)).Succeeded);
        Assert.True((await access.SetPrivateAsync(TestServices.Owner, incident, true)).Succeeded);
        var reviews = _app.Get<ReviewQueries>();
        var actions = _app.Get<ActionQueries>();

        // The member asks first, so a cache keyed without what the viewer may see would hand the outsider their numbers.
        var memberReview = await reviews.GetAsync(member, new ReviewQuery());
        var memberActions = await actions.SummaryAsync(member, new ActionQuery());
        var outsiderReview = await reviews.GetAsync(outsider, new ReviewQuery());
        var outsiderActions = await actions.SummaryAsync(outsider, new ActionQuery());

        Assert.Equal(memberReview.Incidents - 1, outsiderReview.Incidents);
        Assert.DoesNotContain(outsiderReview.IncidentList, i => i.Slug == Cloudflare);
        Assert.True(outsiderActions.Open + outsiderActions.InProgress < memberActions.Open + memberActions.InProgress);
    }
}

public sealed class AggregateCacheTestsOnPostgreSql : AggregateCacheTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
