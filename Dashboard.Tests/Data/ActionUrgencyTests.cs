using Dashboard.Data.Actions;
using Dashboard.Tests.Infrastructure;
using Dashboard.Actions;

namespace Dashboard.Tests.Data;

/// <summary>The actions tracker opens most urgent first (real SQLite, seeded incidents, a fixed today).</summary>
public class ActionUrgencyTests : DataTest
{
    private static readonly DateOnly Today = new(2026, 1, 15); // FixedClock.Default

    private async Task AddAsync(string incident, string title, int? dueInDays, ActionPriority priority, ActionStatus status = ActionStatus.Open)
    {
        var input = new ActionInput
        {
            Title = "Urgency: " + title, Owner = "kim", Priority = priority, Kind = ActionKind.Prevent, Status = status,
            DueDate = dueInDays is { } d ? Today.AddDays(d) : null,
        };
        var result = await App.Get<ActionCommands>().CreateAsync(TestServices.Owner, await App.IncidentIdAsync(incident), input);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    [Fact]
    public async Task The_default_order_is_overdue_then_due_soonest_then_priority_then_newest_incident()
    {
        const string november = "2025-11-18-cloudflare-bot-management", december = "2025-12-05-cloudflare-waf-killswitch";
        // Added in an order unlike the expected one, so insertion order cannot pass the test.
        await AddAsync(november, "done long ago", -5, ActionPriority.P0, ActionStatus.Done);
        await AddAsync(november, "no date", null, ActionPriority.P0);
        await AddAsync(november, "in 10 days, P2", 10, ActionPriority.P2);
        await AddAsync(november, "in 10 days, P0, older incident", 10, ActionPriority.P0);
        await AddAsync(december, "in 10 days, P0, newer incident", 10, ActionPriority.P0);
        await AddAsync(november, "tomorrow", 1, ActionPriority.P3);
        await AddAsync(november, "overdue by a day", -1, ActionPriority.P0);
        await AddAsync(december, "overdue by two days", -2, ActionPriority.P3);

        var defaultQuery = new ActionFilter { Search = "Urgency:" }.ToQuery();
        var page = await App.Get<ActionQueries>().ListAsync(TestServices.Owner, defaultQuery);

        Assert.Equal(ActionSort.Urgency, defaultQuery.Sort);
        Assert.Equal(
        [
            "overdue by two days", "overdue by a day", "tomorrow", "in 10 days, P0, newer incident", "in 10 days, P0, older incident",
            "in 10 days, P2", "no date", "done long ago",
        ], page.Items.Select(a => a.Title["Urgency: ".Length..]));
    }
}

public sealed class ActionUrgencyTestsOnPostgreSql : ActionUrgencyTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
