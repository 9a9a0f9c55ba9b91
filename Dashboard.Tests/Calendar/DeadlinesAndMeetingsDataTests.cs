using Dashboard.Data.Actions;
using Dashboard.Data.Calendar;
using Dashboard.Data.Deadlines;
using Dashboard.Data.Incidents;
using Dashboard.Data.Meetings;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Calendar;

/// <summary>The postmortem deadline rule, its pending list, review meetings and the calendar's entries, on the seeded database (today is 2026-01-15).</summary>
public class DeadlinesAndMeetingsDataTests : DataTest
{
    protected const string November = "2025-11-18-cloudflare-bot-management";
    private static readonly Actor Owner = TestServices.Owner;

    private PostmortemDeadlines Deadlines => App.Get<PostmortemDeadlines>();

    private async Task<int> ResolvedAsync(string title, Severity severity, string resolved = "2026-01-08 12:00", bool isPrivate = false)
    {
        var result = await App.Get<IncidentCommands>().CreateAsync(Owner, new IncidentInput
        {
            Title = title, Organisation = "Shop", Summary = "s", Severity = severity, Status = IncidentStatus.Resolved,
            Started = "2026-01-08 10:00", Resolved = resolved, IsPrivate = isPrivate,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    [Fact]
    public async Task An_incident_whose_postmortem_the_error_budget_requires_is_due_as_a_Sev1_whatever_its_severity()
    {
        var id = await App.IncidentIdAsync(November);
        await using (var db = App.Database.CreateDbContext())
        {
            var incident = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == id);
            var input = IncidentInput.From(incident);
            input.Severity = Severity.Sev3;
            Assert.True((await App.Get<IncidentCommands>().UpdateAsync(Owner, id, incident.Version, input)).Succeeded);
        }

        var due = Assert.Single(await Deadlines.PendingAsync(Owner), p => p.Slug == November);

        Assert.Equal((Severity.Sev3, true), (due.Severity, due.RequiredByBudget));
        Assert.Equal(new DateOnly(2025, 11, 18).AddDays(5), due.DueDate);
        Assert.True(due.IsOverdue);
    }

    [Fact]
    public async Task A_Sev2_postmortem_is_due_ten_days_after_resolution_and_a_Sev3_one_without_budget_trouble_has_no_deadline()
    {
        var sev2 = await ResolvedAsync("Queue backlog", Severity.Sev2);
        var sev3 = await ResolvedAsync("Slow search", Severity.Sev3);

        var pending = await Deadlines.PendingAsync(Owner);

        var due = Assert.Single(pending, p => p.IncidentId == sev2);
        Assert.Equal((new DateOnly(2026, 1, 18), false), (due.DueDate, due.IsOverdue));
        Assert.DoesNotContain(pending, p => p.IncidentId == sev3);
        Assert.DoesNotContain(await Deadlines.PendingAsync(Owner, overdueOnly: true), p => p.IncidentId == sev2);
    }

    [Theory]
    [InlineData(Severity.Sev1, false, 5)]
    [InlineData(Severity.Sev2, false, 10)]
    [InlineData(Severity.Sev3, false, null)]
    [InlineData(Severity.Sev4, true, 5)]
    public void The_rule_gives_the_configured_days_per_severity(Severity severity, bool requiredByBudget, int? days)
    {
        var resolved = new DateTime(2026, 1, 10, 23, 30, 0, DateTimeKind.Utc);

        var due = PostmortemDeadlines.DueDate(severity, requiredByBudget, resolved, new PostmortemPolicyOptions());

        Assert.Equal(days is { } d ? new DateOnly(2026, 1, 10).AddDays(d) : null, due);
    }

    [Fact]
    public async Task A_review_meeting_refuses_a_disabled_facilitator_and_the_picker_offers_people_not_involved_first()
    {
        var involved = await App.UserAsync("ina@example.com", "Ina Involved", Role.Responder);
        var outsider = await App.UserAsync("otto@example.com", "Otto Outside", Role.Responder);
        var id = await ResolvedAsync("Queue backlog", Severity.Sev2);
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Owner, id, involved.UserId!);

        var choices = await App.Get<MeetingQueries>().FacilitatorChoicesAsync(Owner, id);
        var refused = await App.Get<MeetingCommands>().ScheduleAsync(Owner, id, new MeetingInput { StartsAt = new DateTime(2026, 1, 20, 14, 0, 0), FacilitatorUserId = "no-such-user" }, null);
        var scheduled = await App.Get<MeetingCommands>().ScheduleAsync(Owner, id, new MeetingInput
        {
            StartsAt = new DateTime(2026, 1, 20, 14, 0, 0), FacilitatorUserId = outsider.UserId, ParticipantUserIds = [involved.UserId!],
        }, null);

        Assert.False(choices.Single(c => c.UserId == outsider.UserId).Involved);
        Assert.True(choices.Single(c => c.UserId == involved.UserId).Involved);
        Assert.True(choices.ToList().FindIndex(c => c.UserId == outsider.UserId) < choices.ToList().FindIndex(c => c.UserId == involved.UserId));
        Assert.Contains("FacilitatorUserId", refused.Errors.Keys);
        Assert.True(scheduled.Succeeded);
        var meeting = (await App.Get<MeetingQueries>().ForIncidentAsync(Owner, id))!;
        Assert.Equal(("Otto Outside", new DateTime(2026, 1, 20, 14, 0, 0, DateTimeKind.Utc)), (meeting.FacilitatorName, meeting.StartsAt));
    }

    [Fact]
    public async Task A_responder_outside_a_private_incident_cannot_schedule_or_cancel_its_review_meeting()
    {
        var outsider = await App.UserAsync("olga@example.com", "Olga Outside", Role.Responder);
        var hidden = await ResolvedAsync("Secret breach", Severity.Sev1, isPrivate: true);
        var meetings = App.Get<MeetingCommands>();
        var scheduled = await meetings.ScheduleAsync(Owner, hidden, new MeetingInput { StartsAt = new DateTime(2026, 1, 21, 14, 0, 0) }, null);

        var refused = await meetings.ScheduleAsync(outsider, hidden, new MeetingInput { StartsAt = new DateTime(2026, 1, 22, 14, 0, 0) }, scheduled.Version);
        var cancel = await meetings.CancelAsync(outsider, hidden, scheduled.Version!.Value);

        Assert.Equal(Outcome.NotFound, refused.Outcome);
        Assert.Equal(Outcome.NotFound, cancel.Outcome);
        // Nor does the picker tell them who took part in it.
        Assert.Empty(await App.Get<MeetingQueries>().FacilitatorChoicesAsync(outsider, hidden));
        Assert.NotEmpty(await App.Get<MeetingQueries>().FacilitatorChoicesAsync(Owner, hidden));
        Assert.Equal(new DateTime(2026, 1, 21, 14, 0, 0, DateTimeKind.Utc), (await App.Get<MeetingQueries>().ForIncidentAsync(Owner, hidden))!.StartsAt);
    }

    [Fact]
    public async Task The_calendar_lists_the_users_due_actions_postmortems_and_meetings_and_nothing_of_a_private_incident_they_may_not_see()
    {
        var user = await App.UserAsync("cara@example.com", "Cara Calendar", Role.Responder);
        var shared = await ResolvedAsync("Queue backlog", Severity.Sev2);
        var hidden = await ResolvedAsync("Secret breach", Severity.Sev1, isPrivate: true);
        await App.Get<IncidentAccessCommands>().AddMemberAsync(Owner, shared, user.UserId!);
        var actions = App.Get<ActionCommands>();
        var due = await actions.CreateAsync(Owner, shared, new ActionInput { Title = "Drain the queue", OwnerUserId = user.UserId, DueDate = new DateOnly(2026, 1, 30) });
        await actions.CreateAsync(Owner, hidden, new ActionInput { Title = "Rotate the leaked keys", OwnerUserId = user.UserId, DueDate = new DateOnly(2026, 1, 30) });
        var meetings = App.Get<MeetingCommands>();
        await meetings.ScheduleAsync(Owner, shared, new MeetingInput { StartsAt = new DateTime(2026, 1, 20, 14, 0, 0), ParticipantUserIds = [user.UserId!] }, null);
        await meetings.ScheduleAsync(Owner, hidden, new MeetingInput { StartsAt = new DateTime(2026, 1, 21, 14, 0, 0), ParticipantUserIds = [user.UserId!] }, null);

        var entries = await App.Get<CalendarQueries>().EntriesAsync(user);

        Assert.Equal([$"action-{due.Id}@incidentboard", $"postmortem-{shared}@incidentboard", $"review-"], entries.Select(e => e.Uid.StartsWith("review-") ? "review-" : e.Uid));
        Assert.DoesNotContain(entries, e => e.Summary.Contains("Secret breach") || e.Summary.Contains("Rotate the leaked keys"));
        Assert.Equal(new DateOnly(2026, 1, 30), entries[0].Day);
        Assert.Equal((new DateTime(2026, 1, 20, 14, 0, 0), 60), (entries[2].StartsAt, entries[2].Minutes));
    }
}

public sealed class DeadlinesAndMeetingsDataTestsOnPostgreSql : DeadlinesAndMeetingsDataTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
