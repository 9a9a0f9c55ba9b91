using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.StatusPages;

/// <summary>Scheduled maintenance on a real database, with a clock the test moves: it moves by itself, shows on the components, and is not downtime.</summary>
public class MaintenanceDataTests : DataTest
{
    private readonly MovableClock _clock;

    public MaintenanceDataTests() : this(new MovableClock(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero))) { }

    protected MaintenanceDataTests(MovableClock clock) : base(seed: true, clock: clock) => _clock = clock;

    private static readonly Actor Owner = TestServices.Owner;

    private static MaintenanceInput Work(string from = "2026-01-15T10:00:00Z", string until = "2026-01-15T11:00:00Z") => new()
    {
        Title = "Database upgrade", Body = "Sign-ins may be slow.", ScheduledFor = from, ScheduledUntil = until, VerifyMinutes = 15, Components = ["cf-access"],
    };

    private async Task<PageSnapshot> SnapshotAsync()
    {
        Assert.True(await App.Get<StatusSnapshots>().RebuildAsync());
        return App.Get<StatusSnapshots>().Find("public")!;
    }

    [Fact]
    public async Task Maintenance_moves_from_scheduled_to_in_progress_to_verifying_to_completed_by_the_clock_alone()
    {
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page());
        Assert.True((await App.Get<MaintenanceCommands>().ScheduleAsync(Owner, "public", Work())).Succeeded);

        var seen = new List<(MaintenanceState, string, string)>();
        foreach (var step in new[] { 0, 65, 60, 15 })
        {
            _clock.Advance(TimeSpan.FromMinutes(step));
            var s = await SnapshotAsync();
            seen.Add((Assert.Single(s.Maintenances).State, s.Components.Single(c => c.Name == "Public access").Status, s.Indicator));
        }

        Assert.Equal(
        [
            (MaintenanceState.Scheduled, "operational", "none"),
            (MaintenanceState.InProgress, "under_maintenance", "maintenance"),
            (MaintenanceState.Verifying, "under_maintenance", "maintenance"),
            (MaintenanceState.Completed, "operational", "none"),
        ], seen);
        Assert.Equal(MaintenanceState.Completed, Assert.Single(await App.Get<StatusPageQueries>().MaintenancesAsync(Owner, "public")).State);
    }

    [Fact]
    public async Task A_maintenance_window_is_not_counted_as_downtime()
    {
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page());
        int access;
        await using (var db = App.Database.CreateDbContext())
            access = await db.Services.Where(s => s.Key == "cf-access").Select(s => s.Id).SingleAsync();
        var incident = await App.Provider.IncidentAsync("Access down");
        await App.Provider.ImpactAsync(incident, access, ImpactLevel.MajorOutage, "2026-01-14 10:00", "2026-01-14 12:00");
        await App.Provider.PublishedAsync(incident, StatusPageRig.Update(service: "cf-access"));
        Assert.True((await App.Get<MaintenanceCommands>().ScheduleAsync(Owner, "public", Work("2026-01-14T10:00:00Z", "2026-01-14T11:00:00Z"))).Succeeded);

        var day = (await SnapshotAsync()).Components.Single(c => c.Name == "Public access").Days.Single(d => d.Date == new DateOnly(2026, 1, 14));

        // 60 of the 120 minutes fell in the maintenance window: charged 60 minutes of the 1,380 outside it.
        Assert.Equal(1 - 60.0 / 1380, day.Uptime, 9);
    }

    [Fact]
    public async Task Only_admins_schedule_and_a_bad_maintenance_is_refused_naming_each_field_while_a_good_one_is_audited()
    {
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page());
        var responder = await App.UserAsync("rita@example.com", "Rita Responder", Role.Responder);
        var commands = App.Get<MaintenanceCommands>();

        Assert.Equal(Outcome.Forbidden, (await commands.ScheduleAsync(responder, "public", Work())).Outcome);
        var bad = await commands.ScheduleAsync(Owner, "public", Work(until: "2026-01-15T09:00:00Z") with { Title = "", Components = ["cf-clickhouse"] });
        Assert.Equal(["Components[cf-clickhouse]", "ScheduledUntil", "Title"], bad.Errors.Keys.Order());
        Assert.Equal(Outcome.NotFound, (await commands.ScheduleAsync(Owner, "no-such-page", Work())).Outcome);

        Assert.True((await commands.ScheduleAsync(Owner, "public", Work())).Succeeded);
        await using var db = App.Database.CreateDbContext();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.MaintenanceScheduled).ToListAsync());
    }

    [Fact]
    public async Task Subscribers_get_one_reminder_an_hour_before_the_work_starts_recorded_with_its_mail_so_a_restart_does_not_repeat_it()
    {
        await App.Get<StatusPageCommands>().CreateAsync(Owner, StatusPageRig.Page());
        var subscriptions = App.Get<SubscriptionCommands>();
        await subscriptions.SubscribeAsync("public", "ana@example.com");
        await using (var db = App.Database.CreateDbContext())
            Assert.True((await subscriptions.ConfirmAsync(await db.StatusSubscribers.Select(s => s.Token).SingleAsync())).Succeeded);
        Assert.True((await App.Get<MaintenanceCommands>().ScheduleAsync(Owner, "public", Work("2026-01-15T11:00:00Z", "2026-01-15T12:00:00Z"))).Succeeded);
        var reminders = App.Get<MaintenanceReminders>();

        var sent = new List<int>();
        foreach (var step in new[] { 0, 59, 1, 0, 30, 31 }) // 09:00, 09:59, 10:00 (due), 10:00 again, 10:30, 11:01 (started)
        {
            _clock.Advance(TimeSpan.FromMinutes(step));
            sent.Add(await reminders.SendDueAsync());
        }
        // A restarted app: a new sender over the same database finds it sent.
        sent.Add(await new MaintenanceReminders(App.Get<WriteDoor>(), App.Database, _clock, App.Get<Microsoft.Extensions.Options.IOptions<PublicAddress>>()).SendDueAsync());

        Assert.Equal([0, 0, 1, 0, 0, 0, 0], sent);
        await using var check = App.Database.CreateDbContext();
        var mail = Assert.Single(await check.OutboundMails.Where(m => m.Kind == "status-maintenance-reminder").ToListAsync());
        Assert.Equal(("ana@example.com", "[Example public status] Reminder: Database upgrade starts at 11:00 UTC"), (mail.ToAddress, mail.Subject));
        Assert.Contains("Affects: Public access", mail.TextBody);
        Assert.NotNull(mail.UnsubscribeUrl);
        var maintenance = await check.StatusMaintenances.SingleAsync();
        Assert.Equal(new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Utc), maintenance.ReminderSentAt);
        Assert.Equal(maintenance.ReminderSentAt, mail.CreatedAt); // one write: the mark and the mail
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == AuditActions.MaintenanceReminded);
        Assert.Equal(MaintenanceReminders.Sender.Name, audit.Actor);
    }
}

public sealed class MaintenanceDataTestsOnPostgreSql : MaintenanceDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
