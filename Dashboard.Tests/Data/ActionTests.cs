using Dashboard.Data.Actions;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class ActionTests() : DataTest(clock: Clock)
{
    // 2026-01-15 09:00 UTC
    private static readonly FixedClock Clock = FixedClock.Default;
    private static readonly DateOnly Today = new(2026, 1, 15);
    private static readonly Actor Owner = TestServices.Owner;
    private ActionCommands _commands = default!;
    private ActionQueries _queries = default!;
    private int _incidentId;

    protected override async Task SetUpAsync()
    {
        _commands = App.Get<ActionCommands>();
        _queries = App.Get<ActionQueries>();
        _incidentId = await App.IncidentIdAsync("2025-11-18-cloudflare-bot-management");
    }

    private static ActionInput Input(string title = "Add a kill switch for the bot module") => new()
    {
        Title = title, Owner = "kim", Team = "Edge", Priority = ActionPriority.P1, Kind = ActionKind.Mitigate,
        DueDate = Today.AddDays(10), ExternalUrl = "https://tracker.example.com/EDGE-1",
    };

    private async Task<int> CreateAsync(ActionInput input)
    {
        var result = await _commands.CreateAsync(Owner, _incidentId, input);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    private async Task<RemediationAction> LoadAsync(int id)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.RemediationActions.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("ftp://files.example.com/x")]
    [InlineData("tracker/EDGE-1")]
    public async Task Links_other_than_http_and_https_are_refused(string url)
    {
        var input = Input();
        input.ExternalUrl = url;

        var result = await _commands.CreateAsync(Owner, _incidentId, input);

        Assert.Contains("is not an http or https link", result.Errors["ExternalUrl"]);
    }

    [Fact]
    public async Task Wont_do_without_a_reason_is_refused()
    {
        var input = Input();
        input.Status = ActionStatus.WontDo;

        var result = await _commands.CreateAsync(Owner, _incidentId, input);

        Assert.Equal("Say why it won't be done: a reason is required.", result.Errors["WontDoReason"]);
    }

    [Fact]
    public async Task A_title_is_required_and_an_absurd_due_date_is_refused()
    {
        var input = Input(" ");
        input.DueDate = new DateOnly(205, 3, 1);

        var result = await _commands.CreateAsync(Owner, _incidentId, input);

        Assert.Equal("Title is required.", result.Errors["Title"]);
        Assert.StartsWith("Due date 0205-03-01 is outside", result.Errors["DueDate"]);
    }

    [Fact]
    public async Task Done_sets_completed_at_and_reopening_clears_it()
    {
        var id = await CreateAsync(Input());
        var version = (await LoadAsync(id)).Version;

        Assert.True((await _commands.SetStatusAsync(Owner, id, version, ActionStatus.Done)).Succeeded);
        var done = await LoadAsync(id);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, done.CompletedAt);

        Assert.True((await _commands.SetStatusAsync(Owner, id, done.Version, ActionStatus.InProgress)).Succeeded);
        Assert.Null((await LoadAsync(id)).CompletedAt);
    }

    [Fact]
    public async Task Saving_a_done_action_again_keeps_its_completion_time()
    {
        var input = Input();
        input.Status = ActionStatus.Done;
        var id = await CreateAsync(input);
        var first = await LoadAsync(id);
        // The same database, three days later.
        await using var later = TestServices.Register(new ServiceCollection().AddLogging(), App.Database, new FixedClock(Clock.GetUtcNow().AddDays(3)))
            .BuildServiceProvider();

        input.Title = "Renamed";
        Assert.True((await later.GetRequiredService<ActionCommands>().UpdateAsync(Owner, id, first.Version, input)).Succeeded);

        Assert.Equal(first.CompletedAt, (await LoadAsync(id)).CompletedAt);
    }

    [Fact]
    public async Task Leaving_wont_do_drops_the_reason()
    {
        var input = Input();
        input.Status = ActionStatus.WontDo;
        input.WontDoReason = "Covered by the new config pipeline.";
        var id = await CreateAsync(input);
        Assert.Equal("Covered by the new config pipeline.", (await LoadAsync(id)).WontDoReason);

        await _commands.SetStatusAsync(Owner, id, (await LoadAsync(id)).Version, ActionStatus.Open);

        Assert.Null((await LoadAsync(id)).WontDoReason);
    }

    [Fact]
    public async Task A_stale_save_is_refused_and_nothing_is_overwritten()
    {
        var id = await CreateAsync(Input());
        var mine = (await _queries.GetForEditAsync(Actor.System, id))!.Value;
        var theirs = (await _queries.GetForEditAsync(Actor.System, id))!.Value;
        theirs.Input.Owner = "sam";
        Assert.True((await _commands.UpdateAsync(Owner, id, theirs.Version, theirs.Input)).Succeeded);

        mine.Input.Owner = "lee";
        var result = await _commands.UpdateAsync(Owner, id, mine.Version, mine.Input);
        var statusMove = await _commands.SetStatusAsync(Owner, id, mine.Version, ActionStatus.Done);

        Assert.Equal(Outcome.Conflict, result.Outcome);
        Assert.Equal(Outcome.Conflict, statusMove.Outcome);
        var stored = await LoadAsync(id);
        Assert.Equal(stored.Version, result.Version);
        Assert.Equal("sam", stored.Owner);
        Assert.Equal(ActionStatus.Open, stored.Status);
    }

    [Fact]
    public async Task Filters_run_in_sql_and_combine()
    {
        var overdue = Input("Overdue one");
        overdue.DueDate = Today.AddDays(-3);
        await CreateAsync(overdue);
        var soon = Input("Due soon");
        soon.DueDate = Today.AddDays(5);
        soon.Owner = "raj";
        await CreateAsync(soon);
        var later = Input("Due later");
        later.DueDate = Today.AddDays(40);
        later.Priority = ActionPriority.P3;
        await CreateAsync(later);

        Assert.Equal(["Overdue one"], await TitlesAsync(new ActionQuery(OverdueOnly: true)));
        Assert.Equal(["Due soon"], await TitlesAsync(new ActionQuery(DueWithinDays: 7)));
        Assert.Equal(["Due soon"], await TitlesAsync(new ActionQuery(Owner: "RA")));
        Assert.Equal(["Due later"], await TitlesAsync(new ActionQuery(Priorities: [ActionPriority.P3])));
        Assert.Equal(3, (await _queries.ListAsync(Actor.System, new ActionQuery(Team: "edge"))).Total);
        // 18 Nov has eight seeded actions (five in progress, the three prevention projects done) plus these three open ones.
        Assert.Equal(11, (await _queries.ListAsync(Actor.System, new ActionQuery(IncidentId: _incidentId))).Total);
        Assert.Equal(3, (await _queries.ListAsync(Actor.System, new ActionQuery(Statuses: [ActionStatus.Open], IncidentId: _incidentId))).Total);
    }

    [Fact]
    public async Task Every_filter_translates_to_a_single_sql_query()
    {
        await using var db = App.Database.CreateDbContext();
        var all = new ActionQuery([ActionStatus.Open], "kim", "edge", [ActionPriority.P1], [ActionKind.Detect], _incidentId, true, 30, "kill");

        // ToQueryString throws if any part of the filter would need client evaluation.
        var sql = ActionQueries.Filter(db.RemediationActions, all, Today).ToQueryString();

        Assert.Contains("WHERE", sql);
        Assert.Contains("\"DueDate\"", sql);
        Assert.Contains("LIKE", sql);
    }

    [Fact]
    public async Task Sorting_by_due_date_puts_undated_actions_last()
    {
        var dated = Input("Dated");
        dated.DueDate = Today.AddDays(1);
        await CreateAsync(dated);

        var page = await _queries.ListAsync(Actor.System, new ActionQuery(IncidentId: _incidentId, Sort: ActionSort.Due));

        Assert.Equal("Dated", page.Items[0].Title);
        Assert.Null(page.Items[^1].DueDate);
    }

    [Fact]
    public async Task The_summary_counts_by_status_with_overdue_and_recent_done()
    {
        var overdue = Input("Overdue");
        overdue.DueDate = Today.AddDays(-1);
        await CreateAsync(overdue);
        var done = Input("Done");
        done.Status = ActionStatus.Done;
        await CreateAsync(done);
        var wontDo = Input("Dropped");
        wontDo.Status = ActionStatus.WontDo;
        wontDo.WontDoReason = "Duplicate";
        await CreateAsync(wontDo);

        var summary = await _queries.SummaryAsync(Actor.System, new ActionQuery(IncidentId: _incidentId));

        // With 18 Nov's seeded actions: five in progress, and three done on 1 May 2026, after the clock's today (counted
        // as done since the period began).
        Assert.Equal(new ActionSummary(Open: 1, InProgress: 5, Overdue: 1, DoneInPeriod: 4, WontDo: 1, PeriodDays: 30), summary);
    }

    [Fact]
    public async Task Age_counts_days_to_completion_or_to_today()
    {
        var id = await CreateAsync(Input());
        var row = (await _queries.ListAsync(Actor.System, new ActionQuery(Search: "kill switch"))).Items.Single(r => r.Id == id);

        Assert.Equal(0, row.AgeDays(Today));
        Assert.Equal(12, row.AgeDays(Today.AddDays(12)));
    }

    private async Task<List<string>> TitlesAsync(ActionQuery query) =>
        [.. (await _queries.ListAsync(Actor.System, query)).Items.Select(r => r.Title)];
}

public sealed class ActionTestsOnPostgreSql : ActionTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
