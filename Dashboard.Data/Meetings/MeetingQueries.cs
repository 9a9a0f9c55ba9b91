using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Meetings;

public sealed record MeetingRow(DateTime StartsAt, int DurationMinutes, string? FacilitatorUserId, string? FacilitatorName, IReadOnlyList<string> ParticipantUserIds,
    string? Location, Guid Version);

/// <summary>A user the facilitator picker offers; <see cref="Involved"/> when they took part in the incident or own one of its actions.</summary>
public sealed record FacilitatorChoice(string UserId, string DisplayName, bool Involved);

public sealed class MeetingQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    /// <summary>The incident's review meeting, for a viewer who sees the incident; null when none is set.</summary>
    public async Task<MeetingRow?> ForIncidentAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReviewMeetings.AsNoTracking().Where(m => m.IncidentId == incidentId)
            .InVisibleIncidents(db.Incidents, viewer, m => m.IncidentId)
            .Select(m => new MeetingRow(m.StartsAt, m.DurationMinutes, m.FacilitatorUserId,
                db.Users.Where(u => u.Id == m.FacilitatorUserId).Select(u => u.DisplayName).FirstOrDefault(),
                m.Participants.Select(p => p.UserId).ToList(), m.Location, m.Version))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Every enabled user, those not involved in the incident first: a facilitator who was not part of
    /// the response can ask the questions its responders would not think to ask. Nobody for an incident
    /// the viewer cannot see: who took part in a private incident is itself private.
    /// </summary>
    public async Task<IReadOnlyList<FacilitatorChoice>> FacilitatorChoicesAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Incidents.VisibleTo(viewer).AnyAsync(i => i.Id == incidentId, ct)) return [];
        var people = await db.Users.AsNoTracking().Where(u => !u.IsDisabled)
            .Select(u => new
            {
                u.Id, u.DisplayName,
                Involved = db.IncidentParticipants.Any(p => p.IncidentId == incidentId && p.UserId == u.Id)
                    || db.RemediationActions.Any(a => a.IncidentId == incidentId && a.OwnerUserId == u.Id),
            })
            .OrderBy(u => u.Involved).ThenBy(u => u.DisplayName).ToListAsync(ct);
        return [.. people.Select(u => new FacilitatorChoice(u.Id, u.DisplayName, u.Involved))];
    }
}
