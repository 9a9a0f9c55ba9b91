using Dashboard.Data.Budgets;
using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Learning;

/// <summary>Near misses on a real database: declared through the door, listed apart, and kept out of the review's incident figures and the error budgets.</summary>
public class NearMissTests : DataTest
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly Actor Ana = Actor.Person("ana", Role.Responder);

    private async Task<int> MarkAsNearMissAsync(string slug)
    {
        var edit = (await App.Get<IncidentQueries>().GetForEditAsync(Actor.System, slug))!.Value;
        edit.Input.IsNearMiss = true;
        var result = await App.Get<IncidentCommands>().UpdateAsync(Ana, edit.Id, edit.Version, edit.Input);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return edit.Id;
    }

    [Fact]
    public async Task Declaring_a_near_miss_is_audited_and_the_list_filters_on_it()
    {
        var queries = App.Get<IncidentQueries>();
        var all = (await queries.ListAsync(Actor.System, new IncidentListQuery())).Total;

        var id = await MarkAsNearMissAsync(Cloudflare);

        var nearMisses = await queries.ListAsync(Actor.System, new IncidentListQuery(NearMiss: true));
        Assert.Equal(Cloudflare, Assert.Single(nearMisses.Items).Slug);
        Assert.True(nearMisses.Items[0].IsNearMiss);
        Assert.Equal(all - 1, (await queries.ListAsync(Actor.System, new IncidentListQuery(NearMiss: false))).Total);
        Assert.True((await queries.GetAsync(Actor.System, Cloudflare))!.IsNearMiss);
        await using var db = App.Database.CreateDbContext();
        var entry = await db.AuditEntries.Where(a => a.IncidentId == id && a.Action == AuditActions.IncidentUpdated).OrderBy(a => a.Id).LastAsync();
        Assert.Contains("\"field\":\"IsNearMiss\"", entry.Changes);
    }

    [Fact]
    public async Task A_near_miss_is_counted_apart_on_the_review_and_left_out_of_its_durations_impact_and_error_budgets()
    {
        var review = App.Get<ReviewQueries>();
        var budgets = App.Get<BudgetQueries>();
        var before = await review.GetAsync(TestServices.Owner, new ReviewQuery());
        var budgetBefore = await budgets.ForReviewAsync(TestServices.Owner, new ReviewQuery());
        Assert.Contains(before.Points, p => p.Slug == Cloudflare);
        Assert.Contains(budgetBefore.TopCharges, c => c.Slug == Cloudflare);
        Assert.Equal(0, before.NearMisses);

        var id = await MarkAsNearMissAsync(Cloudflare);
        var after = await review.GetAsync(TestServices.Owner, new ReviewQuery());
        var budgetAfter = await budgets.ForReviewAsync(TestServices.Owner, new ReviewQuery());

        Assert.Equal((before.Incidents - 1, 1), (after.Incidents, after.NearMisses));
        Assert.DoesNotContain(after.Points, p => p.Slug == Cloudflare);
        Assert.DoesNotContain(after.IncidentList, i => i.Slug == Cloudflare);
        Assert.Equal(before.Phases.Single(p => p.Phase == DurationPhase.Resolve).Current.Measured - 1,
            after.Phases.Single(p => p.Phase == DurationPhase.Resolve).Current.Measured);
        Assert.True(after.ImpactMinutes < before.ImpactMinutes);
        Assert.DoesNotContain(budgetAfter.TopCharges, c => c.Slug == Cloudflare);
        Assert.Empty((await budgets.ForIncidentAsync(TestServices.Owner, id)).Services);
        Assert.Equal(before.Actions.Total, after.Actions.Total); // its follow-ups still count
    }
}

public sealed class NearMissTestsOnPostgreSql : NearMissTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
