using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Timeline;

/// <summary>Single events and an incident's id by its address, for the API (the timeline view reads whole timelines).</summary>
public sealed class TimelineEventQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    /// <summary>The id of the incident at <paramref name="slug"/>, when the viewer may see it.</summary>
    public async Task<int?> IncidentIdAsync(Actor viewer, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Slug == slug).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
    }

    public async Task<TimelineEntry?> GetAsync(Actor viewer, int incidentId, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TimelineEvents.AsNoTracking().InVisibleIncidents(db.Incidents, viewer, e => e.IncidentId)
            .Where(e => e.IncidentId == incidentId && e.Id == eventId)
            .Select(e => new TimelineEntry(e.Id, e.OccurredAt, e.EndsAt, e.Kind, e.Text, e.Author, e.Source, e.SourceReference, e.IsKey,
                e.ServiceId, e.Service == null ? null : e.Service.Name, e.Version, e.Moment))
            .SingleOrDefaultAsync(ct);
    }
}
