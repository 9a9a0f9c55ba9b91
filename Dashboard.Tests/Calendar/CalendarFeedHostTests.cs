using System.Net;
using Dashboard.Data.Actions;
using Dashboard.Data.Calendar;
using Dashboard.Data.Incidents;
using Dashboard.Data.Meetings;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Calendar;

/// <summary>The private calendar feed through the real app, read back with Ical.Net as a calendar client would.</summary>
public sealed class CalendarFeedHostTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Actor Owner = Actor.System;

    private async Task<(Actor User, string Token, int Shared, int Hidden)> SetUpAsync()
    {
        var services = app.Services;
        var user = await TestServices.UserAsync(services, $"cal-{Guid.NewGuid():N}@example.com", "Cara Calendar", Role.Responder);
        var incidents = services.GetRequiredService<IncidentCommands>();
        async Task<int> IncidentAsync(string title, bool isPrivate) => (await incidents.CreateAsync(Owner, new IncidentInput
        {
            Title = title, Organisation = "Shop", Summary = "s", Severity = Severity.Sev1, Status = IncidentStatus.Resolved,
            Started = "2026-01-08 10:00", Resolved = "2026-01-08 12:00", IsPrivate = isPrivate,
        })).Id!.Value;
        var shared = await IncidentAsync("Queue backlog " + Guid.NewGuid().ToString("N")[..6], false);
        var hidden = await IncidentAsync("Secret breach " + Guid.NewGuid().ToString("N")[..6], true);
        await services.GetRequiredService<IncidentAccessCommands>().AddMemberAsync(Owner, shared, user.UserId!);
        var actions = services.GetRequiredService<ActionCommands>();
        await actions.CreateAsync(Owner, shared, new ActionInput { Title = "Drain the queue", OwnerUserId = user.UserId, DueDate = new DateOnly(2027, 1, 30) });
        await actions.CreateAsync(Owner, hidden, new ActionInput { Title = "Rotate the leaked keys", OwnerUserId = user.UserId, DueDate = new DateOnly(2027, 1, 30) });
        var meetings = services.GetRequiredService<MeetingCommands>();
        await meetings.ScheduleAsync(Owner, shared, new MeetingInput { StartsAt = new DateTime(2027, 1, 20, 14, 0, 0), ParticipantUserIds = [user.UserId!], Location = "Room 4" }, null);
        await meetings.ScheduleAsync(Owner, hidden, new MeetingInput { StartsAt = new DateTime(2027, 1, 21, 14, 0, 0), ParticipantUserIds = [user.UserId!] }, null);
        var (result, token) = await services.GetRequiredService<CalendarCommands>().RenewAsync(user);
        Assert.True(result.Succeeded);
        return (user, token!, shared, hidden);
    }

    [Fact]
    public async Task The_feed_parses_as_iCalendar_with_a_stable_UID_per_event_and_leaves_out_the_private_incident()
    {
        var (_, token, _, _) = await SetUpAsync();
        var client = app.CreateClient();

        var response = await client.GetAsync($"/calendar/{token}.ics");
        var text = await response.Content.ReadAsStringAsync();
        var again = await client.GetStringAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var events = Ical.Net.Calendar.Load(text)!.Events.ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.False(string.IsNullOrWhiteSpace(e.Uid)));
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
        Assert.Equal(events.Select(e => e.Uid).Order(), Ical.Net.Calendar.Load(again)!.Events.Select(e => e.Uid).Order());
        Assert.Contains(events, e => e.Summary == "Action due: Drain the queue" && !e.DtStart!.HasTime);
        Assert.Contains(events, e => e.Summary!.StartsWith("Postmortem due: Queue backlog") && e.DtStart!.Date == new DateOnly(2026, 1, 13));
        var review = Assert.Single(events, e => e.Summary!.StartsWith("Postmortem review: Queue backlog"));
        Assert.Equal(new DateTime(2027, 1, 20, 14, 0, 0, DateTimeKind.Utc), review.DtStart!.AsUtc);
        Assert.Contains("Room 4", review.Description);
        Assert.DoesNotContain("Secret breach", text);
        Assert.DoesNotContain("Rotate the leaked keys", text);
    }

    [Fact]
    public async Task A_renewed_address_replaces_the_old_one_and_an_unknown_token_is_not_found()
    {
        var (user, old, _, _) = await SetUpAsync();
        var (_, renewed) = await app.Services.GetRequiredService<CalendarCommands>().RenewAsync(user);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calendar/{old}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/calendar/{renewed}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/calendar/not-a-token.ics")).StatusCode);
    }
}
