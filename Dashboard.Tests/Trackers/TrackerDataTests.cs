using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Trackers;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Trackers;

/// <summary>
/// Tracker sync at the door, on a real migrated database: asking for an issue is idempotent, a
/// tracker's close and edits reach the action with the newer change winning, and edits here queue
/// one update call in the same transaction.
/// </summary>
public class TrackerDataTests() : DataTest(seed: false, clock: new MovableClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)))
{
    protected static readonly Actor Owner = TestServices.Owner;
    private TrackerCommands Commands => App.Get<TrackerCommands>();
    private MovableClock Clock => (MovableClock)App.Get<TimeProvider>();

    /// <summary>An incident with one action, and a GitHub connection.</summary>
    protected async Task<(int Incident, int Action, int Connection)> LinkedAsync(bool isPrivate = false)
    {
        var incident = await App.Get<IncidentCommands>().CreateAsync(Owner, new IncidentInput
        {
            Title = "Checkout errors", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00", IsPrivate = isPrivate,
        });
        Assert.True(incident.Succeeded, string.Join("; ", incident.Errors.Values));
        var action = await App.Get<ActionCommands>().CreateAsync(Owner, incident.Id!.Value,
            new ActionInput { Title = "Add a canary stage", DueDate = new DateOnly(2026, 12, 20) });
        var connection = await Commands.ConnectAsync(Owner, new TrackerConnectionInput { Name = "ops-github", Kind = TrackerKind.GitHub, Project = "octocat/Hello-World" });
        Assert.True(connection.Succeeded, string.Join("; ", connection.Errors.Values));
        return (incident.Id.Value, action.Id!.Value, connection.Id!.Value);
    }

    /// <summary>The action's issue, asked for and opened as #<paramref name="number"/>.</summary>
    protected async Task<int> OpenedAsync(int action, int connection, string number = "1347")
    {
        var requested = await Commands.RequestIssueAsync(Owner, action, connection);
        Assert.True(requested.Succeeded, string.Join("; ", requested.Errors.Values));
        long call;
        await using (var db = App.Database.CreateDbContext()) call = await db.TrackerCalls.Where(c => c.TrackerIssueId == requested.Id).Select(c => c.Id).SingleAsync();
        var recorded = await Commands.RecordCreatedAsync(TrackerCommands.ActorFor("ops-github", TrackerKind.GitHub), call, requested.Id!.Value,
            new CreatedIssue($"#{number}", number, $"https://github.com/octocat/Hello-World/issues/{number}", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc)));
        Assert.True(recorded.Succeeded, recorded.Outcome.ToString());
        return requested.Id.Value;
    }

    private async Task<RemediationAction> ActionAsync(int id)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.RemediationActions.Include(a => a.StatusHistory).SingleAsync(a => a.Id == id);
    }

    private async Task<List<TrackerCall>> CallsAsync()
    {
        await using var db = App.Database.CreateDbContext();
        return await db.TrackerCalls.OrderBy(c => c.Id).ToListAsync();
    }

    private static Actor GitHub => TrackerCommands.ActorFor("ops-github", TrackerKind.GitHub);

    [Fact]
    public async Task Asking_twice_for_an_actions_issue_keeps_one_link_and_queues_one_create_call()
    {
        var (_, action, connection) = await LinkedAsync();

        var first = await Commands.RequestIssueAsync(Owner, action, connection);
        var again = await Commands.RequestIssueAsync(Owner, action, connection);

        Assert.Equal((Outcome.Ok, 1), (first.Outcome, first.Count));
        Assert.Equal((Outcome.Ok, 0, first.Id), (again.Outcome, again.Count, again.Id));
        var call = Assert.Single(await CallsAsync());
        Assert.Equal((TrackerCallKind.Create, TrackerCallStatus.Pending), (call.Kind, call.Status));
    }

    [Fact]
    public async Task A_private_incidents_action_is_not_sent_to_a_tracker()
    {
        var (_, action, connection) = await LinkedAsync(isPrivate: true);

        var result = await Commands.RequestIssueAsync(Owner, action, connection);

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Contains("private", result.Errors[""]);
        Assert.Empty(await CallsAsync());
    }

    [Fact]
    public async Task A_viewer_cannot_ask_for_an_issue_and_a_responder_cannot_connect_a_tracker()
    {
        var (_, action, connection) = await LinkedAsync();

        Assert.Equal(Outcome.Forbidden, (await Commands.RequestIssueAsync(Actor.Person("vic@example.com", Role.Viewer), action, connection)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await Commands.ConnectAsync(Actor.Person("rita@example.com", Role.Responder),
            new TrackerConnectionInput { Name = "jira", Kind = TrackerKind.Jira, BaseUrl = "https://example.atlassian.net", Project = "OPS" })).Outcome);
    }

    [Theory]
    [InlineData("Ops Tracker", TrackerKind.GitHub, "https://api.github.com", "octocat/Hello-World", "Name")]
    [InlineData("ops", TrackerKind.GitHub, "https://api.github.com", "Hello-World", "Project")]
    [InlineData("ops", TrackerKind.Jira, "https://example.atlassian.net", "ops", "Project")]
    [InlineData("ops", TrackerKind.Jira, "javascript:alert(1)", "OPS", "BaseUrl")]
    public async Task Connecting_refuses_what_the_tracker_could_not_use(string name, TrackerKind kind, string baseUrl, string project, string field)
    {
        var result = await Commands.ConnectAsync(Owner, new TrackerConnectionInput { Name = name, Kind = kind, BaseUrl = baseUrl, Project = project });

        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public async Task Closing_the_issue_in_GitHub_moves_the_action_to_done_and_its_history_says_where_and_by_whom()
    {
        var (_, action, connection) = await LinkedAsync();
        await OpenedAsync(action, connection);
        Clock.Advance(TimeSpan.FromHours(1));

        var result = await Commands.ApplyRemoteAsync(GitHub, connection,
            new RemoteIssueChange("1347", "octocat", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)) { ClosedAsDone = true });

        Assert.True(result.Succeeded);
        var closed = await ActionAsync(action);
        Assert.Equal(ActionStatus.Done, closed.Status);
        Assert.Equal("closed in GitHub #1347 by octocat", closed.StatusHistory.OrderBy(h => h.Id).Last().By);
        Assert.Equal("https://github.com/octocat/Hello-World/issues/1347", closed.ExternalUrl);
    }

    [Fact]
    public async Task Closing_as_not_planned_moves_the_action_to_wont_do_with_the_reason()
    {
        var (_, action, connection) = await LinkedAsync();
        await OpenedAsync(action, connection);

        await Commands.ApplyRemoteAsync(GitHub, connection,
            new RemoteIssueChange("1347", "octocat", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)) { ClosedAsDone = false });

        var closed = await ActionAsync(action);
        Assert.Equal((ActionStatus.WontDo, "Closed as not planned in GitHub #1347 by octocat"), (closed.Status, closed.WontDoReason));
    }

    [Fact]
    public async Task An_issue_not_opened_from_here_changes_nothing()
    {
        var (_, action, connection) = await LinkedAsync();
        await OpenedAsync(action, connection);

        var result = await Commands.ApplyRemoteAsync(GitHub, connection, new RemoteIssueChange("9999", "octocat", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)) { ClosedAsDone = true });

        Assert.Equal(Outcome.NotFound, result.Outcome);
        Assert.Equal(ActionStatus.Open, (await ActionAsync(action)).Status);
    }

    [Fact]
    public async Task A_tracker_title_older_than_the_actions_last_edit_loses_and_the_audit_trail_keeps_it()
    {
        var (_, action, connection) = await LinkedAsync();
        await OpenedAsync(action, connection);
        Clock.Advance(TimeSpan.FromHours(2)); // the action was last edited at 11:00; the tracker's edit is from 10:00

        var current = await ActionAsync(action);
        var input = ActionInput.From(current);
        input.Description = "Staged rollout for the payment service.";
        var edited = await App.Get<ActionCommands>().UpdateAsync(Owner, action, current.Version, input);
        Assert.True(edited.Succeeded);
        await Commands.ApplyRemoteAsync(GitHub, connection,
            new RemoteIssueChange("1347", "octocat", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)) { Title = "Canary, later" });

        Assert.Equal("Add a canary stage", (await ActionAsync(action)).Title);
        await using var db = App.Database.CreateDbContext();
        var conflict = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.TrackerIssueConflict);
        Assert.Contains(FieldChanges.Deserialize(conflict.Changes), c => c == new FieldChange("Title", "Canary, later", "Add a canary stage"));
        Assert.Equal("tracker:ops-github", conflict.Actor);
    }

    [Fact]
    public async Task A_newer_tracker_title_wins_and_is_not_sent_back_to_the_tracker()
    {
        var (_, action, connection) = await LinkedAsync();
        await OpenedAsync(action, connection);

        await Commands.ApplyRemoteAsync(GitHub, connection,
            new RemoteIssueChange("1347", "octocat", new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc)) { Title = "Add a canary stage to every deploy" });

        Assert.Equal("Add a canary stage to every deploy", (await ActionAsync(action)).Title);
        Assert.DoesNotContain(await CallsAsync(), c => c.Kind == TrackerCallKind.Update);
    }

    [Fact]
    public async Task Editing_the_title_or_due_date_here_queues_one_update_until_it_is_sent()
    {
        var (_, action, connection) = await LinkedAsync();
        await OpenedAsync(action, connection);
        var commands = App.Get<ActionCommands>();

        var a = await ActionAsync(action);
        var input = ActionInput.From(a);
        input.Title = "Add a canary stage (10 %)";
        var first = await commands.UpdateAsync(Owner, action, a.Version, input);
        input.DueDate = new DateOnly(2026, 12, 24);
        await commands.UpdateAsync(Owner, action, first.Version!.Value, input);
        var statusOnly = await commands.SetStatusAsync(Owner, action, (await ActionAsync(action)).Version, ActionStatus.InProgress);
        Assert.True(statusOnly.Succeeded);

        var update = Assert.Single(await CallsAsync(), c => c.Kind == TrackerCallKind.Update);
        Assert.Equal(TrackerCallStatus.Pending, update.Status);
    }
}

public sealed class TrackerDataTestsOnPostgreSql : TrackerDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
