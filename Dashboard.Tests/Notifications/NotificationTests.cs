using Dashboard.Data.Actions;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Incidents;
using Dashboard.Data.Mail;
using Dashboard.Data.Notifications;
using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// Notifications made from committed door writes: who is told of what, in the bell and by mail, by
/// each person's preferences, quiet hours and the visibility rule. On SQLite and PostgreSQL.
/// </summary>
public class NotificationTests : DataTest
{
    /// <summary>Monday 30 November 2026, 22:30 UTC (23:30 in Berlin).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 22, 30, 0, TimeSpan.Zero);

    protected readonly MovableClock Clock;
    protected Actor Olivia = default!, Alice = default!, Bob = default!, Carol = default!;

    public NotificationTests() : this(new MovableClock(Start)) { }

    private NotificationTests(MovableClock clock) : base(seed: false, clock: clock) => Clock = clock;

    protected override async Task SetUpAsync()
    {
        Olivia = await App.UserAsync("olivia.owner@example.com", "Olivia Owner", Role.Owner);
        Alice = await App.UserAsync("alice@example.com", "Alice Admin", Role.Admin);
        Bob = await App.UserAsync("bob@example.com", "Bob Responder", Role.Responder);
        Carol = await App.UserAsync("carol@example.com", "Carol Viewer", Role.Viewer);
    }

    private async Task<int> IncidentAsync(string title = "Checkout errors", bool isPrivate = false, Actor? by = null)
    {
        var result = await App.Get<IncidentCommands>().CreateAsync(by ?? Olivia, new IncidentInput
        {
            Title = title, Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00", IsPrivate = isPrivate,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    private async Task<int> ActionAsync(int incidentId, Actor owner, Actor? by = null, DateOnly? due = null)
    {
        var result = await App.Get<ActionCommands>().CreateAsync(by ?? Olivia, incidentId,
            new ActionInput { Title = "Add a canary stage", OwnerUserId = owner.UserId, DueDate = due });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    protected List<Notification> Bell(Actor who)
    {
        using var db = App.Database.CreateDbContext();
        return [.. db.Notifications.AsNoTracking().Where(n => n.UserId == who.UserId).OrderBy(n => n.Id)];
    }

    protected List<OutboundMail> Mail(Actor who)
    {
        using var db = App.Database.CreateDbContext();
        return [.. db.OutboundMails.AsNoTracking().Where(m => m.ToAddress == who.Name).OrderBy(m => m.Id)];
    }

    [Fact]
    public async Task A_new_action_owner_is_told_in_the_bell_and_by_mail_with_a_one_click_unsubscribe_and_the_bell_hears_it_live()
    {
        var incident = await IncidentAsync();
        var changes = App.Record(NotificationPublisher.Bell);

        await ActionAsync(incident, owner: Bob);

        var told = Assert.Single(Bell(Bob));
        Assert.Equal(NotificationKind.ActionAssigned, told.Kind);
        Assert.Contains("Add a canary stage", told.Text);
        Assert.Equal(incident, told.IncidentId);
        Assert.StartsWith("/incidents/", told.Link);
        var mail = Assert.Single(Mail(Bob));
        Assert.Equal("notification.ActionAssigned", mail.Kind);
        Assert.Contains("Add a canary stage", mail.Subject);
        Assert.StartsWith($"http://localhost:5111/notifications/unsubscribe?user={Bob.UserId}&kind=ActionAssigned&token=", mail.UnsubscribeUrl);
        Assert.Contains(mail.UnsubscribeUrl!, mail.TextBody);
        Assert.Equal(1, await App.Get<NotificationQueries>().UnreadCountAsync(Bob));
        // The bell of the one told, and only theirs, hears of it.
        var change = Assert.Single(changes);
        Assert.Equal([Bob.UserId!], change.Audience!);

        // Whoever made the change is not told of it, and an unrelated save tells nobody again.
        Assert.Empty(Bell(Olivia));
        Assert.Empty(Mail(Olivia));
    }

    [Fact]
    public async Task Nobody_hears_of_a_private_incident_they_may_not_see_neither_in_the_bell_nor_by_mail()
    {
        var incident = await IncidentAsync("Key leak", isPrivate: true);
        await App.Get<NotificationCommands>().SaveSettingsAsync(Carol, AllOn(await App.Get<NotificationQueries>().SettingsAsync(Carol)));

        // Carol is not on the incident: made owner of its action, she is told nothing.
        await ActionAsync(incident, owner: Carol);
        Assert.Empty(Bell(Carol));
        Assert.Empty(Mail(Carol));

        // Bob, once a member, sees it and is told.
        Assert.True((await App.Get<IncidentAccessCommands>().AddMemberAsync(Olivia, incident, Bob.UserId!)).Succeeded);
        Assert.Equal([NotificationKind.IncidentRole], Bell(Bob).Select(n => n.Kind));
        await ActionAsync(incident, owner: Bob);
        Assert.Equal([NotificationKind.IncidentRole, NotificationKind.ActionAssigned], Bell(Bob).Select(n => n.Kind));
        Assert.Single(Mail(Bob)); // ActionAssigned mails by default; roles only in the app

        // A team's incident on a private incident reaches only the team members who see it.
        var service = await ServiceAsync("Payments API", "Payments");
        foreach (var who in new[] { Bob, Carol })
            await App.Get<NotificationCommands>().SaveSettingsAsync(who, AllOn(await App.Get<NotificationQueries>().SettingsAsync(who)) with { Teams = "Payments" });
        Assert.True((await App.Get<ImpactCommands>().AddAsync(Olivia, incident, new ImpactInput { ServiceId = service, Start = "2026-11-30 10:00" })).Succeeded);
        Assert.Contains(Bell(Bob), n => n.Kind == NotificationKind.TeamServiceIncident);
        Assert.Contains(Mail(Bob), m => m.Kind == "notification.TeamServiceIncident");
        Assert.Empty(Bell(Carol));
        Assert.Empty(Mail(Carol));
        Assert.Equal(0, await App.Get<NotificationQueries>().UnreadCountAsync(Carol));
    }

    [Fact]
    public async Task Someone_taken_off_a_private_incident_no_longer_sees_what_they_were_told_about_it()
    {
        var incident = await IncidentAsync("Key leak", isPrivate: true);
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Olivia, incident, Bob.UserId!);
        Assert.Equal(1, await App.Get<NotificationQueries>().UnreadCountAsync(Bob));

        await App.Get<IncidentAccessCommands>().RemoveMemberAsync(Olivia, incident, Bob.UserId!);

        Assert.Equal(0, await App.Get<NotificationQueries>().UnreadCountAsync(Bob));
        Assert.Empty(await App.Get<NotificationQueries>().ListAsync(Bob));
    }

    [Fact]
    public async Task Each_person_gets_each_kind_as_they_chose_and_defaults_mail_only_assignments_overdue_actions_and_reviews()
    {
        var defaults = await App.Get<NotificationQueries>().SettingsAsync(Bob);
        Assert.Equal([NotificationKind.ActionAssigned, NotificationKind.ActionOverdue, NotificationKind.ReviewRequested],
            defaults.Kinds.Where(k => k.Email).Select(k => k.Kind));
        Assert.All(defaults.Kinds, k => Assert.True(k.InApp));

        var choice = defaults with { Kinds = [.. defaults.Kinds.Select(k => k.Kind == NotificationKind.ActionAssigned ? k with { InApp = false, Email = true } : k)] };
        Assert.True((await App.Get<NotificationCommands>().SaveSettingsAsync(Bob, new(choice.Kinds, null, null, null))).Succeeded);
        var incident = await IncidentAsync();
        await ActionAsync(incident, owner: Bob);

        Assert.Empty(Bell(Bob));
        Assert.Single(Mail(Bob));
        Assert.False((await App.Get<NotificationQueries>().SettingsAsync(Bob)).Kinds.Single(k => k.Kind == NotificationKind.ActionAssigned).InApp);
    }

    [Fact]
    public async Task The_unsubscribe_token_turns_off_mail_for_its_kind_only_and_a_forged_one_changes_nothing()
    {
        var incident = await IncidentAsync();
        await ActionAsync(incident, owner: Bob);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(Mail(Bob).Single().UnsubscribeUrl!).Query);
        var (user, kind, token) = (query["user"]!, query["kind"]!, query["token"]!);
        Assert.Equal((Bob.UserId, "ActionAssigned"), (user, kind));
        var commands = App.Get<NotificationCommands>();

        // A changed signature, or the signature of one kind used for another or of one person for another, changes nothing.
        Assert.Equal(Outcome.NotFound, (await commands.UnsubscribeAsync(user, kind, (token[0] == 'A' ? "B" : "A") + token[1..])).Outcome);
        Assert.Equal(Outcome.NotFound, (await commands.UnsubscribeAsync(user, "ReviewRequested", token)).Outcome);
        Assert.Equal(Outcome.NotFound, (await commands.UnsubscribeAsync(Carol.UserId, kind, token)).Outcome);
        Assert.Equal(Outcome.NotFound, (await commands.UnsubscribeAsync(user, kind, "")).Outcome);
        Assert.True((await App.Get<NotificationQueries>().SettingsAsync(Bob)).Kinds.Single(k => k.Kind == NotificationKind.ActionAssigned).Email);

        Assert.True((await commands.UnsubscribeAsync(user, kind, token)).Succeeded);

        var kinds = (await App.Get<NotificationQueries>().SettingsAsync(Bob)).Kinds;
        Assert.False(kinds.Single(k => k.Kind == NotificationKind.ActionAssigned).Email);
        Assert.True(kinds.Single(k => k.Kind == NotificationKind.ActionAssigned).InApp);
        Assert.True(kinds.Single(k => k.Kind == NotificationKind.ReviewRequested).Email);
        await ActionAsync(incident, owner: Bob);
        Assert.Single(Mail(Bob));
        Assert.Equal(2, Bell(Bob).Count);
    }

    [Fact]
    public async Task Mail_waits_for_the_end_of_quiet_hours_in_the_persons_own_zone()
    {
        await SetZoneAsync(Bob, "Europe/Berlin");
        var settings = await App.Get<NotificationQueries>().SettingsAsync(Bob);
        await App.Get<NotificationCommands>().SaveSettingsAsync(Bob, new(settings.Kinds, 22 * 60, 7 * 60, null));
        var incident = await IncidentAsync();

        await ActionAsync(incident, owner: Bob); // 23:30 in Berlin

        // 07:00 in Berlin on 1 December is 06:00 UTC.
        Assert.Equal(new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc), Mail(Bob).Single().NextAttemptAt);
        Assert.Single(Bell(Bob)); // the bell is not held back
    }

    [Fact]
    public async Task Postmortem_moves_tell_its_authors_and_a_submission_asks_the_reviewers()
    {
        var incident = await IncidentAsync();
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Olivia, incident, Bob.UserId!);
        var version = await PostmortemVersionAsync(incident);
        Assert.True((await App.Get<PostmortemCommands>().SaveAsync(Bob, incident, version, "# What happened\nA bad deploy.")).Succeeded);

        Assert.True((await App.Get<PostmortemCommands>().TransitionAsync(Olivia, incident, PostmortemStatus.Draft, PostmortemStatus.InReview, null)).Succeeded);

        Assert.Contains(Bell(Bob), n => n.Kind == NotificationKind.PostmortemMoved && n.Text.Contains("submitted"));
        Assert.Contains(Bell(Alice), n => n.Kind == NotificationKind.ReviewRequested);
        Assert.Contains(Mail(Alice), m => m.Kind == "notification.ReviewRequested");
        Assert.DoesNotContain(Bell(Olivia), n => n.Kind == NotificationKind.ReviewRequested); // she submitted it

        Assert.True((await App.Get<PostmortemCommands>().TransitionAsync(Alice, incident, PostmortemStatus.InReview, PostmortemStatus.Draft, "Add the timeline")).Succeeded);
        Assert.Contains(Bell(Bob), n => n.Kind == NotificationKind.PostmortemMoved && n.Text.Contains("sent back"));
    }

    [Fact]
    public async Task Followers_hear_when_an_incident_changes_state_and_role_holders_when_given_a_role()
    {
        var incident = await IncidentAsync();
        Assert.True((await App.Get<NotificationCommands>().FollowAsync(Carol, incident, follow: true)).Succeeded);
        Assert.True(await App.Get<NotificationQueries>().IsFollowingAsync(Carol, incident));
        Assert.True((await App.Get<IncidentAccessCommands>().AssignRoleAsync(Olivia, incident, IncidentRole.Commander, Bob.UserId)).Succeeded);

        await SetStatusAsync(incident, IncidentStatus.Resolved);

        Assert.Contains(Bell(Carol), n => n.Kind == NotificationKind.FollowedIncidentChanged && n.Text.Contains("resolved"));
        Assert.Contains(Bell(Bob), n => n.Kind == NotificationKind.IncidentRole && n.Text.Contains("commander"));

        // Nobody follows what they may not see.
        var hidden = await IncidentAsync("Key leak", isPrivate: true);
        Assert.Equal(Outcome.NotFound, (await App.Get<NotificationCommands>().FollowAsync(Carol, hidden, follow: true)).Outcome);
    }

    [Fact]
    public async Task Marking_read_clears_the_count_and_tells_only_that_persons_bell()
    {
        var incident = await IncidentAsync();
        await ActionAsync(incident, owner: Bob);
        await ActionAsync(incident, owner: Bob);
        var changes = App.Record(NotificationPublisher.Bell);
        var first = Bell(Bob)[0].Id;

        Assert.True((await App.Get<NotificationCommands>().MarkReadAsync(Bob, first)).Succeeded);
        Assert.Equal(1, await App.Get<NotificationQueries>().UnreadCountAsync(Bob));
        // Someone else's notification is not theirs to mark.
        await App.Get<NotificationCommands>().MarkReadAsync(Carol, Bell(Bob)[1].Id);
        Assert.Equal(1, await App.Get<NotificationQueries>().UnreadCountAsync(Bob));
        Assert.True((await App.Get<NotificationCommands>().MarkReadAsync(Bob, null)).Succeeded);
        Assert.Equal(0, await App.Get<NotificationQueries>().UnreadCountAsync(Bob));
        Assert.All(changes.Where(c => c.Audience!.Contains(Bob.UserId!)), c => Assert.Equal([Bob.UserId!], c.Audience!));
    }

    [Fact]
    public async Task Due_in_three_days_and_newly_overdue_are_counted_in_the_owners_zone_and_told_once()
    {
        await SetZoneAsync(Bob, "Pacific/Auckland"); // already Tuesday 1 December there
        await SetZoneAsync(Carol, "America/Los_Angeles"); // still Monday 30 November
        var incident = await IncidentAsync();
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Olivia, incident, Carol.UserId!);
        var friday = new DateOnly(2026, 12, 4);
        await ActionAsync(incident, owner: Bob, due: friday);   // 3 days for Bob
        await ActionAsync(incident, owner: Carol, due: friday); // 4 days for Carol
        var scan = App.Get<NotificationScan>();

        await scan.RunAsync();
        Assert.Contains(Bell(Bob), n => n.Kind == NotificationKind.ActionDueSoon && n.Text.Contains("in 3 days"));
        Assert.DoesNotContain(Bell(Carol), n => n.Kind == NotificationKind.ActionDueSoon);

        Clock.Advance(TimeSpan.FromHours(12)); // Tuesday morning in Los Angeles
        await scan.RunAsync();
        await scan.RunAsync();
        Assert.Single(Bell(Bob), n => n.Kind == NotificationKind.ActionDueSoon);
        Assert.Single(Bell(Carol), n => n.Kind == NotificationKind.ActionDueSoon);

        Clock.Advance(TimeSpan.FromDays(4)); // Saturday everywhere
        await scan.RunAsync();
        await scan.RunAsync();
        Assert.Single(Bell(Bob), n => n.Kind == NotificationKind.ActionOverdue);
        Assert.Single(Mail(Bob), m => m.Kind == "notification.ActionOverdue");
        Assert.Single(Bell(Carol), n => n.Kind == NotificationKind.ActionOverdue);
    }

    private static NotificationSettingsInput AllOn(NotificationSettingsView view) =>
        new([.. view.Kinds.Select(k => k with { InApp = true, Email = true })], null, null, view.Teams);

    private async Task SetZoneAsync(Actor who, string zone)
    {
        await using var db = App.Database.CreateDbContext();
        await db.Users.Where(u => u.Id == who.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone));
    }

    private async Task<Guid> PostmortemVersionAsync(int incident)
    {
        await using var db = App.Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Id == incident).Select(i => i.PostmortemVersion).SingleAsync();
    }

    private async Task SetStatusAsync(int incident, IncidentStatus status)
    {
        Incident row;
        await using (var db = App.Database.CreateDbContext()) row = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident);
        var input = IncidentInput.From(row);
        input.Status = status;
        input.Resolved = "2026-11-30 12:00";
        input.Mitigated = "2026-11-30 11:00";
        var result = await App.Get<IncidentCommands>().UpdateAsync(Olivia, incident, row.Version, input);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    private async Task<int> ServiceAsync(string name, string team)
    {
        var result = await App.Get<ServiceCatalogCommands>().CreateAsync(Olivia, new ServiceInput { Name = name, Group = "Shop", OwnerTeam = team });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }
}

public sealed class NotificationTestsOnPostgreSql : NotificationTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
