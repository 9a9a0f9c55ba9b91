using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Data.Actions;
using Dashboard.Data.Seeding;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;

namespace Dashboard.Tests.Learning;

public class ActionHistoryTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="ActionHistoryTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string CloudflareFile = "2025-12-05-cloudflare.json";
    private static readonly DateTime Start = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);
    private readonly MovableClock _clock = new(Start);
    private readonly SeedFolder _folder = new();
    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store, seed: false, clock: _clock);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    private Task SeedAsync() => _app.Get<Seeder>().RunAsync(_folder.Path);

    private async Task<List<ActionStatusChange>> HistoryAsync(int actionId)
    {
        await using var db = _app.Database.CreateDbContext();
        return await db.ActionStatusChanges.AsNoTracking().Where(c => c.ActionId == actionId).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync();
    }

    private async Task<RemediationAction> ActionAsync(string slug, string titleStart)
    {
        await using var db = _app.Database.CreateDbContext();
        return await db.RemediationActions.AsNoTracking().Include(a => a.StatusHistory)
            .SingleAsync(a => a.Incident!.Slug == slug && a.Title.StartsWith(titleStart));
    }

    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public async Task Every_status_change_through_the_commands_is_appended_to_the_history_with_who_and_when()
    {
        await SeedAsync();
        var commands = _app.Get<ActionCommands>();
        var incidentId = await _app.IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        var input = new ActionInput { Title = "Gate config pushes on health", Priority = ActionPriority.P1, Kind = ActionKind.Prevent };

        var created = await commands.CreateAsync(TestServices.Owner, incidentId, input);
        _clock.Advance(TimeSpan.FromDays(2));
        input.Description = "Edited, status unchanged";
        var edited = await commands.UpdateAsync(TestServices.Owner, created.Id!.Value, created.Version!.Value, input);
        _clock.Advance(TimeSpan.FromDays(3));
        var started = await commands.SetStatusAsync(TestServices.Owner, created.Id.Value, edited.Version!.Value, ActionStatus.InProgress);
        _clock.Advance(TimeSpan.FromDays(5));
        input.Status = ActionStatus.Done;
        var done = await commands.UpdateAsync(TestServices.Owner, created.Id.Value, started.Version!.Value, input);

        Assert.True(done.Succeeded);
        var history = await HistoryAsync(created.Id.Value);
        Assert.Equal([ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Done], history.Select(c => c.Status));
        Assert.Equal([Start, Start.AddDays(5), Start.AddDays(10)], history.Select(c => c.At));
        Assert.All(history, c => Assert.Equal(TestServices.Owner.Name, c.By));
        await using var db = _app.Database.CreateDbContext();
        var audits = await db.AuditEntries.Where(a => a.EntityType == "action" && a.EntityKey == created.Id.Value.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["action.created", "action.updated", "action.updated", "action.updated"], audits.Select(a => a.Action));
        Assert.Contains("Status", audits[2].Changes);
    }

    [Fact]
    public async Task A_refused_status_change_leaves_the_history_as_it_was()
    {
        await SeedAsync();
        var commands = _app.Get<ActionCommands>();
        var incidentId = await _app.IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        var created = await commands.CreateAsync(TestServices.Owner, incidentId, new ActionInput { Title = "x", Priority = ActionPriority.P2, Kind = ActionKind.Detect });

        var refused = await commands.SetStatusAsync(TestServices.Owner, created.Id!.Value, created.Version!.Value, ActionStatus.WontDo, wontDoReason: null);
        var stale = await commands.SetStatusAsync(TestServices.Owner, created.Id.Value, Guid.NewGuid(), ActionStatus.Done);

        Assert.False(refused.Succeeded);
        Assert.False(stale.Succeeded);
        Assert.Equal([ActionStatus.Open], (await HistoryAsync(created.Id.Value)).Select(c => c.Status));
    }

    [Fact]
    public async Task Seeding_keeps_the_stated_history_and_implies_one_from_the_dates_where_none_is_stated()
    {
        await SeedAsync();

        // A prevention project from the 5 December postmortem is an 18 November follow-up: agreed at that
        // incident's end (no start date is published), in progress at 08:47 on 5 December, done at the 1 May 2026 announcement.
        var rollouts = await ActionAsync("2025-11-18-cloudflare-bot-management", "Enhanced Rollouts");
        Assert.Equal(Utc("2025-11-18T17:06:00Z"), rollouts.CreatedAt);
        Assert.Equal([(ActionStatus.InProgress, Utc("2025-12-05T08:47:00Z")), (ActionStatus.Done, Utc("2026-05-01T21:07:30Z"))],
            rollouts.StatusHistory.OrderBy(c => c.At).Select(c => (c.Status, c.At)));
        Assert.Equal(Utc("2026-05-01T21:07:30Z"), rollouts.CompletedAt);
        Assert.Contains("[CF5-5]", rollouts.StatusHistory.Single(c => c.Status == ActionStatus.Done).By);
        Assert.Contains("our reading", rollouts.StatusHistory.Single(c => c.Status == ActionStatus.Done).By);
        // The published 18 November follow-ups: work already begun, says the postmortem [CF1].
        var killSwitches = await ActionAsync("2025-11-18-cloudflare-bot-management", "Add more global kill switches");
        var started = Assert.Single(killSwitches.StatusHistory);
        Assert.Equal((ActionStatus.InProgress, Utc("2025-11-18T17:06:00Z")), (started.Status, started.At));
        Assert.Contains("[CF1]", started.By);
        await using var db = _app.Database.CreateDbContext();
        // Where the file states no history, it is implied from the dates: open when agreed, done when completed.
        var rca = await ActionAsync("2024-07-19-crowdstrike-channel-file-291", "Publish the full root cause analysis");
        Assert.Equal([ActionStatus.Open, ActionStatus.Done], rca.StatusHistory.OrderBy(c => c.At).Select(c => c.Status));
        Assert.Equal(Utc("2024-08-06T00:00:00Z"), rca.StatusHistory.Max(c => c.At));
        // CrowdStrike's statuses follow the RCA of 6 August 2024: the bounds check in place, staged deployment under way.
        var boundsCheck = await ActionAsync("2024-07-19-crowdstrike-channel-file-291", "Improve error handling in the Content Interpreter");
        Assert.Equal((ActionStatus.Done, Utc("2024-08-06T00:00:00Z")), (boundsCheck.Status, boundsCheck.CompletedAt!.Value));
        var staged = await ActionAsync("2024-07-19-crowdstrike-channel-file-291", "Stagger Rapid Response Content deployment");
        Assert.Equal((ActionStatus.InProgress, Utc("2024-08-06T00:00:00Z")), (staged.Status, Assert.Single(staged.StatusHistory).At));
        Assert.Equal(3, await db.RemediationActions.CountAsync(a => a.Incident!.Slug == "2024-07-19-crowdstrike-channel-file-291" && a.Status == ActionStatus.Done));
    }

    public static TheoryData<string, string> BadHistories => new()
    {
        { """[{"status":"open","at":"2025-12-05T09:12:00Z"},{"status":"done","at":"2025-12-04T00:00:00Z"}]""", "statusHistory[1].at" },
        { """[{"status":"open","at":"2025-12-05T09:12:00Z"}]""", "ends in 'open' but the action's status is 'done'" },
        { """[{"status":"open","at":"2025-12-05T09:12:00Z"},{"status":"open","at":"2025-12-06T00:00:00Z"}]""", "repeats the status above it" },
        { """[{"status":"open","at":"2025-12-01T00:00:00Z"},{"status":"done","at":"2026-05-01T21:07:30Z"}]""", "before the action was agreed" },
        { """[{"status":"open","at":"2025-12-05T09:12:00Z"},{"status":"done","at":"2026-05-02T00:00:00Z"}]""", "differs from the history's move to done" },
        { """[{"status":"finished","at":"2025-12-05T09:12:00Z"}]""", "statusHistory[0].status" },
    };

    [Theory]
    [MemberData(nameof(BadHistories))]
    public async Task A_history_that_contradicts_its_action_rejects_the_whole_file(string history, string problem)
    {
        var doc = JsonNode.Parse(_folder.Read(CloudflareFile))!.AsObject();
        var action = doc["actions"]![0]!.AsObject();
        action["createdAt"] = "2025-12-05T09:12:00Z";
        action["statusHistory"] = JsonNode.Parse(history);
        _folder.Write(CloudflareFile, doc.ToJsonString());

        await SeedAsync();

        // The changes file names that incident's trigger, so it is refused with it; no other file is.
        var rejected = Assert.Single(_app.Get<SeedReport>().Rejected, r => r.FileName != Seeder.ChangesFileName);
        Assert.Equal(CloudflareFile, rejected.FileName);
        Assert.Contains(rejected.Problems, p => p.StartsWith("actions[0]") && p.Contains(problem));
        await using var db = _app.Database.CreateDbContext();
        Assert.False(await db.Incidents.AnyAsync(i => i.Slug == "2025-12-05-cloudflare-waf-killswitch"));
    }
}

public sealed class ActionHistoryTestsOnPostgreSql : ActionHistoryTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
