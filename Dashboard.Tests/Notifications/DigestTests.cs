using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Mail;
using Dashboard.Data.Notifications;
using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// The daily and weekly digests (<see cref="DigestJob"/>): who gets what, at which local hour, once per
/// period, within what each person may see. On SQLite and PostgreSQL, on an injected clock.
/// </summary>
public class DigestTests : DataTest
{
    /// <summary>Monday 22 March 2027, 06:30 UTC: 07:30 in Berlin (CET), a week before the clocks go forward.</summary>
    public static readonly DateTimeOffset Start = new(2027, 3, 22, 6, 30, 0, TimeSpan.Zero);

    protected readonly MovableClock Clock;
    protected Actor Olivia = default!, Alice = default!, Bob = default!, Carol = default!, Dave = default!;

    public DigestTests() : this(new MovableClock(Start)) { }

    private DigestTests(MovableClock clock) : base(seed: false, clock: clock) => Clock = clock;

    protected override async Task SetUpAsync()
    {
        Olivia = await App.UserAsync("olivia.owner@example.com", "Olivia Owner", Role.Owner);
        Alice = await App.UserAsync("alice@example.com", "Alice Admin", Role.Admin);
        Bob = await App.UserAsync("bob@example.com", "Bob Responder", Role.Responder);
        Carol = await App.UserAsync("carol@example.com", "Carol Viewer", Role.Viewer);
        Dave = await App.UserAsync("dave@example.com", "Dave Lead", Role.Responder);
        // Everyone in Berlin, so that the hour of each digest is 08:00 there.
        await using var db = App.Database.CreateDbContext();
        await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, "Europe/Berlin"));
    }

    private DigestJob Job => App.Get<DigestJob>();

    private async Task<int> IncidentAsync(string title, bool isPrivate = false, string? resolved = null)
    {
        var result = await App.Get<IncidentCommands>().CreateAsync(Olivia, new IncidentInput
        {
            Title = title, Organisation = "Shop", Summary = "Payments failing.", Started = "2027-03-01 10:00", IsPrivate = isPrivate, Severity = Severity.Sev1,
            Status = resolved is null ? IncidentStatus.Investigating : IncidentStatus.Resolved, Mitigated = resolved, Resolved = resolved,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    private async Task ActionAsync(int incidentId, string title, Actor? owner, DateOnly due, string? team = null)
    {
        var result = await App.Get<ActionCommands>().CreateAsync(Olivia, incidentId,
            new ActionInput { Title = title, OwnerUserId = owner?.UserId, Owner = owner is null ? "Someone" : null, DueDate = due, Team = team });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    protected List<OutboundMail> Digests(Actor who)
    {
        using var db = App.Database.CreateDbContext();
        return [.. db.OutboundMails.AsNoTracking().Where(m => m.ToAddress == who.Name && m.Kind == "digest").OrderBy(m => m.Id)];
    }

    [Fact]
    public async Task A_weekly_digest_comes_at_the_chosen_local_hour_across_the_clock_change_once_a_week()
    {
        var incident = await IncidentAsync("Checkout errors");
        await ActionAsync(incident, "Overdue canary stage", Bob, new DateOnly(2027, 3, 20));
        await ActionAsync(incident, "Rotate the signing key", Bob, new DateOnly(2027, 3, 25));
        await ActionAsync(incident, "Rewrite the runbook", Bob, new DateOnly(2027, 4, 20)); // weeks away

        await Job.RunAsync();
        Assert.Empty(Digests(Bob)); // 07:30 in Berlin

        Clock.Advance(TimeSpan.FromMinutes(30)); // 08:00 CET = 07:00 UTC
        await Job.RunAsync();
        await Job.RunAsync();
        var first = Assert.Single(Digests(Bob));
        Assert.Contains("Your overdue actions (1)", first.TextBody);
        Assert.Contains("Overdue canary stage", first.TextBody);
        Assert.Contains("Your actions due in the next 7 days (1)", first.TextBody);
        Assert.Contains("Rotate the signing key", first.TextBody);
        Assert.DoesNotContain("Rewrite the runbook", first.TextBody);
        Assert.Contains("1 overdue action", first.Subject);

        // Sunday 28 March the clocks go forward: the next Monday's 08:00 in Berlin is 06:00 UTC.
        Clock.Advance(new DateTime(2027, 3, 29, 5, 59, 0) - new DateTime(2027, 3, 22, 7, 0, 0));
        await Job.RunAsync();
        Assert.Single(Digests(Bob));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Job.RunAsync();
        await Job.RunAsync();
        Assert.Equal(2, Digests(Bob).Count);
        Assert.Equal(new DateTime(2027, 3, 29, 6, 0, 0, DateTimeKind.Utc), Digests(Bob)[1].CreatedAt);
    }

    [Fact]
    public async Task An_empty_digest_is_not_sent_and_its_period_counts_as_handled()
    {
        Clock.Advance(TimeSpan.FromMinutes(30));
        await Job.RunAsync();
        Assert.Empty(Digests(Dave));
        await using var db = App.Database.CreateDbContext();
        var handled = await db.DigestsSent.AsNoTracking().SingleAsync(d => d.UserId == Dave.UserId);
        Assert.Equal("weekly:2027-03-22", handled.Period);
        Assert.False(handled.Mailed);

        // Work that appears later in the period waits for the next one: a period is handled once.
        var incident = await IncidentAsync("Checkout errors");
        await ActionAsync(incident, "Add a canary stage", Dave, new DateOnly(2027, 3, 21));
        await Job.RunAsync();
        Assert.Empty(Digests(Dave));
        Clock.Advance(TimeSpan.FromDays(7));
        await Job.RunAsync();
        Assert.Single(Digests(Dave));
    }

    [Fact]
    public async Task A_private_incidents_actions_reach_only_those_who_see_it_and_a_team_lead_gets_the_team_within_what_they_see()
    {
        var open = await IncidentAsync("Checkout errors");
        var hidden = await IncidentAsync("Key leak", isPrivate: true);
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Olivia, hidden, Bob.UserId!);
        await ActionAsync(hidden, "Revoke the leaked key", Bob, new DateOnly(2027, 3, 20));
        await ActionAsync(open, "Add a canary stage", Bob, new DateOnly(2027, 3, 20), team: "Payments");
        await ActionAsync(hidden, "Audit the key store", Olivia, new DateOnly(2027, 3, 24), team: "Payments");
        // Bob still owns the hidden incident's action, but may no longer see the incident.
        Assert.True((await App.Get<IncidentAccessCommands>().RemoveMemberAsync(Olivia, hidden, Bob.UserId!)).Succeeded);
        var commands = App.Get<NotificationCommands>();
        Assert.Equal(Outcome.Forbidden, (await commands.SetTeamLeadsAsync(Bob, "Payments", [Dave.UserId!])).Outcome);
        Assert.True((await commands.SetTeamLeadsAsync(Olivia, "Payments", [Dave.UserId!, Alice.UserId!])).Succeeded);

        Clock.Advance(TimeSpan.FromMinutes(30));
        await Job.RunAsync();

        var bob = Assert.Single(Digests(Bob)).TextBody;
        Assert.Contains("Add a canary stage", bob);
        Assert.DoesNotContain("Revoke the leaked key", bob);
        Assert.DoesNotContain("Key leak", bob);
        var dave = Assert.Single(Digests(Dave)).TextBody;
        Assert.Contains("Payments: overdue actions (1)", dave);
        Assert.Contains("Add a canary stage", dave);
        Assert.DoesNotContain("Audit the key store", dave);
        Assert.DoesNotContain("Key leak", dave);
        // An admin lead sees the private incident, so its team action is in her digest.
        var alice = Assert.Single(Digests(Alice)).TextBody;
        Assert.Contains("Payments: actions due in the next 7 days (1)", alice);
        Assert.Contains("Audit the key store", alice);
        Assert.Empty(Digests(Carol));
    }

    [Fact]
    public async Task Reviewers_get_the_postmortems_in_review_and_participants_their_overdue_postmortems()
    {
        var late = await IncidentAsync("Database failover", resolved: "2027-03-10 12:00"); // Sev1: due 15 March
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Olivia, late, Bob.UserId!);
        var reviewed = await IncidentAsync("Cache stampede", resolved: "2027-03-20 12:00");
        Guid version;
        await using (var db = App.Database.CreateDbContext()) version = await db.Incidents.Where(i => i.Id == reviewed).Select(i => i.PostmortemVersion).SingleAsync();
        Assert.True((await App.Get<PostmortemCommands>().SaveAsync(Olivia, reviewed, version, "# What happened\nA stampede.")).Succeeded);
        Assert.True((await App.Get<PostmortemCommands>().TransitionAsync(Olivia, reviewed, PostmortemStatus.Draft, PostmortemStatus.InReview, null)).Succeeded);

        Clock.Advance(TimeSpan.FromMinutes(30));
        await Job.RunAsync();

        var bob = Assert.Single(Digests(Bob)).TextBody;
        Assert.Contains("Your overdue postmortems (1)", bob);
        Assert.Contains("Database failover, due 2027-03-15", bob);
        Assert.DoesNotContain("Cache stampede", bob);
        var alice = Assert.Single(Digests(Alice)).TextBody;
        Assert.Contains("Postmortems waiting for your review (1)", alice);
        Assert.Contains("Cache stampede", alice);
    }

    [Fact]
    public async Task A_daily_digest_at_the_chosen_hour_carries_a_one_click_unsubscribe_that_turns_it_off()
    {
        var commands = App.Get<NotificationCommands>();
        var view = await App.Get<NotificationQueries>().SettingsAsync(Bob);
        Assert.DoesNotContain(view.Kinds, k => k.Kind == NotificationKind.Digest);
        Assert.True((await commands.SaveSettingsAsync(Bob, new NotificationSettingsInput(view.Kinds, null, null, null)
            { DigestFrequency = DigestFrequency.Daily, DigestHour = 7 })).Succeeded);
        Assert.Equal(Outcome.Invalid, (await commands.SaveSettingsAsync(Bob, new NotificationSettingsInput(view.Kinds, null, null, null) { DigestHour = 24 })).Outcome);
        var saved = await App.Get<NotificationQueries>().SettingsAsync(Bob);
        Assert.Equal((DigestFrequency.Daily, 7), (saved.DigestFrequency, saved.DigestHour));
        var incident = await IncidentAsync("Checkout errors");
        await ActionAsync(incident, "Add a canary stage", Bob, new DateOnly(2027, 3, 23));

        await Job.RunAsync(); // 07:30 in Berlin
        var mail = Assert.Single(Digests(Bob));
        Assert.StartsWith($"http://localhost:5111/notifications/unsubscribe?user={Bob.UserId}&kind=Digest&token=", mail.UnsubscribeUrl);
        Assert.Contains(mail.UnsubscribeUrl!, mail.TextBody);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(mail.UnsubscribeUrl!).Query)["token"];
        Assert.Equal(Outcome.NotFound, (await commands.UnsubscribeAsync(Bob.UserId, "ActionOverdue", token)).Outcome);
        Assert.True((await commands.UnsubscribeAsync(Bob.UserId, "Digest", token)).Succeeded);
        Assert.Equal(DigestFrequency.Off, (await App.Get<NotificationQueries>().SettingsAsync(Bob)).DigestFrequency);

        Clock.Advance(TimeSpan.FromDays(1));
        await Job.RunAsync();
        Assert.Single(Digests(Bob));
    }
}

public sealed class DigestTestsOnPostgreSql : DigestTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
