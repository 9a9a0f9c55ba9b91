using Dashboard.Data.Budgets;
using Dashboard.Data.Catalog;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Review;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;

namespace Dashboard.Tests.Learning;

/// <summary>Error budgets over the seeded incidents on real SQLite, and SLOs edited through the catalog commands.</summary>
public class BudgetQueryTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="BudgetQueryTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string November = "2025-11-18-cloudflare-bot-management";
    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_18_November_outage_took_several_times_the_FL2_proxys_example_monthly_budget()
    {
        var budget = await _app.Get<BudgetQueries>().ForIncidentAsync(TestServices.Owner, await _app.IncidentIdAsync(November));

        var fl2 = Assert.Single(budget.Services, s => s.ServiceKey == "cf-fl2-proxy");
        Assert.Equal(190, fl2.Use!.ChargedMinutes, 6);   // 11:20–14:30, major outage
        Assert.Equal(43.2, fl2.Use.BudgetMinutes, 6);     // 99.9% of November
        Assert.True(fl2.Use.Share > 4);
        Assert.True(budget.RequiresPostmortem);
    }

    [Fact]
    public async Task The_budget_table_names_the_services_and_says_a_postmortem_is_required()
    {
        var record = (await _app.Get<PostmortemQueries>().GetRecordAsync(TestServices.Owner, await _app.IncidentIdAsync(November)))!;

        var text = GeneratedSections.Expand("{{budget}}", record);

        Assert.Contains("| FL2 core proxy | 99.9% over a calendar month | 190 | 190 | 43.2 |", text);
        Assert.Contains("**Postmortem required:** this incident took more than 20% of the error budget of", text);
    }

    [Fact]
    public async Task The_review_lists_exhausted_budgets_the_heaviest_incidents_and_the_missing_required_postmortems()
    {
        var review = await _app.Get<BudgetQueries>().ForReviewAsync(TestServices.Owner, new ReviewQuery());

        Assert.Contains(review.Exhausted, b => b.ServiceKey == "cf-fl2-proxy");
        Assert.Equal("2024-07-19-crowdstrike-channel-file-291", review.TopCharges[0].Slug); // eleven days of hosts down
        Assert.Contains(review.MissingRequiredPostmortems, c => c.Slug == November);
        Assert.All(review.Burns, b => Assert.NotEmpty(b.Points));
    }

    [Fact]
    public async Task An_SLO_is_edited_through_the_catalog_commands_validated_and_audited()
    {
        var queries = _app.Get<ServiceCatalogQueries>();
        var commands = _app.Get<ServiceCatalogCommands>();
        await using (var db = _app.Database.CreateDbContext())
        {
            var id = await db.Services.Where(s => s.Key == "cf-status-page").Select(s => s.Id).SingleAsync();
            var (_, version, input) = (await queries.GetForEditAsync(id))!.Value;
            Assert.Null(input.SloPercent);
            input.SloPercent = 150;
            input.WeightDegraded = 2;
            var refused = await commands.UpdateAsync(TestServices.Owner, id, version, input);
            Assert.Equal(Outcome.Invalid, refused.Outcome);
            Assert.Contains("SloPercent", refused.Errors.Keys);
            Assert.Contains("WeightDegraded", refused.Errors.Keys);

            input.SloPercent = 99.95;
            input.SloWindow = SloWindow.Rolling28Days;
            input.WeightDegraded = 0.2;
            Assert.True((await commands.UpdateAsync(TestServices.Owner, id, version, input)).Succeeded);
            Assert.Equal(99.95, (await queries.GetForEditAsync(id))!.Value.Input.SloPercent);
        }
        await using var check = _app.Database.CreateDbContext();
        var saved = await check.Services.SingleAsync(s => s.Key == "cf-status-page");
        Assert.Equal((0.9995, SloWindow.Rolling28Days, 0.2), (saved.SloTarget!.Value, saved.SloWindow, saved.WeightDegraded));
        var audit = await check.AuditEntries.Where(a => a.Action == "service.updated" && a.EntityKey == "cf-status-page").SingleAsync();
        Assert.Contains("SloTarget", audit.Changes);
    }
}

public sealed class BudgetQueryTestsOnPostgreSql : BudgetQueryTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
