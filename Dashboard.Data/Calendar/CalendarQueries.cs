using Dashboard.Data.Actions;
using Dashboard.Data.Deadlines;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Calendar;

/// <summary>
/// One event of a user's calendar: a whole day (<see cref="Day"/>) or a meeting (<see cref="StartsAt"/>
/// for <see cref="Minutes"/>). <see cref="Uid"/> names what it is about, so an edit updates the event
/// a calendar already holds instead of adding another.
/// </summary>
public sealed record CalendarEntry(string Uid, string Summary, string Description, string Path, DateOnly? Day, DateTime? StartsAt = null, int Minutes = 0);

/// <summary>
/// The calendar feed's reads. Everything is read as the feed's owner would see it in the app, so a
/// private incident they are not part of never appears (the edges rule: a calendar file leaves the app).
/// </summary>
public sealed class CalendarQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, PostmortemDeadlines deadlines, TimeProvider clock)
{
    /// <summary>Meetings further back than this are left out of the feed.</summary>
    public static readonly TimeSpan PastMeetings = TimeSpan.FromDays(30);

    public async Task<bool> HasFeedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CalendarFeeds.AnyAsync(f => f.UserId == userId, ct);
    }

    /// <summary>The enabled account a token belongs to, as the actor its feed is read as; null for an unknown or renewed token.</summary>
    public async Task<Actor?> OwnerOfAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = CalendarCommands.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.CalendarFeeds.Where(f => f.SecretHash == hash)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => new { u.Id, u.Email, u.DisplayName, u.Role, u.IsDisabled })
            .SingleOrDefaultAsync(ct);
        return user is null || user.IsDisabled ? null : Actor.Person(user.Email ?? user.Id, user.Role) with { UserId = user.Id, DisplayName = user.DisplayName };
    }

    /// <summary>The viewer's open actions with a due date, the postmortems due on incidents they take part in, and their review meetings.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Actor viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } userId) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = await db.RemediationActions.AsNoTracking()
            .Where(a => a.OwnerUserId == userId && a.DueDate != null && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress))
            .InVisibleIncidents(db.Incidents, viewer, a => a.IncidentId)
            .Select(a => new { a.Id, a.Title, a.DueDate, a.Incident!.Slug, IncidentTitle = a.Incident.Title }).ToListAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime - PastMeetings;
        var meetings = await db.ReviewMeetings.AsNoTracking()
            .Where(m => m.StartsAt >= since && (m.FacilitatorUserId == userId || m.Participants.Any(p => p.UserId == userId)))
            .InVisibleIncidents(db.Incidents, viewer, m => m.IncidentId)
            .Join(db.Incidents, m => m.IncidentId, i => i.Id, (m, i) => new { m.Id, m.StartsAt, m.DurationMinutes, m.Location, i.Slug, i.Title, Facilitates = m.FacilitatorUserId == userId })
            .ToListAsync(ct);
        var postmortems = await deadlines.PendingAsync(viewer, participantUserId: userId, ct: ct);

        return [
            .. actions.Select(a => new CalendarEntry($"action-{a.Id}@incidentboard", $"Action due: {a.Title}", $"A follow-up of {a.IncidentTitle}.",
                $"incidents/{a.Slug}?tab=actions", a.DueDate)),
            .. postmortems.Select(p => new CalendarEntry($"postmortem-{p.IncidentId}@incidentboard", $"Postmortem due: {p.Title}",
                $"{p.Severity}{(p.RequiredByBudget ? ", required by the error budget" : "")}; resolved {p.ResolvedAt:yyyy-MM-dd}.", $"incidents/{p.Slug}/postmortem", p.DueDate)),
            .. meetings.Select(m => new CalendarEntry($"review-{m.Id}@incidentboard", $"Postmortem review: {m.Title}",
                (m.Facilitates ? "You facilitate." : "You take part.") + (m.Location is { } where ? $" Where: {where}" : ""), $"incidents/{m.Slug}/postmortem",
                null, m.StartsAt, m.DurationMinutes)),
        ];
    }
}
