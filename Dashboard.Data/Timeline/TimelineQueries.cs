using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Timeline.Slack;

namespace Dashboard.Data.Timeline;

public sealed record TimelineEntry(int Id, DateTime OccurredAt, DateTime? EndsAt, EventKind Kind, string Text, string? Author,
    EventSource Source, string? SourceReference, bool IsKey, int? ServiceId, string? ServiceName, Guid Version = default,
    EventMoment? Moment = null);

/// <summary>An incident's timeline: phases, events in order, impact windows and the services they touch.</summary>
/// <param name="RecordedAt">When the incident was recorded: the day a bare time belongs to when no phase is known.</param>
public sealed record TimelineData(int IncidentId, PhaseTimes Phases, DateTime RecordedAt, IReadOnlyList<TimelineEntry> Events, IReadOnlyList<Impact.ImpactWindowItem> Impacts)
{
    public TimelineContext Context => new(Phases, RecordedAt, [.. Events.Select(e => (e.Id, e.OccurredAt, e.Text))]);
}

public sealed record ServiceChoice(int Id, string Name, string Group);

public sealed class TimelineQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, AggregateCache cache)
{
    /// <summary>
    /// An incident's timeline, shared through <see cref="AggregateCache"/>: everyone
    /// with the incident open holds the same events instead of a copy each (5,000 events are megabytes per
    /// circuit). Callers treat it as read-only.
    /// </summary>
    public Task<TimelineData?> GetAsync(Actor viewer, int incidentId, CancellationToken ct = default) =>
        cache.GetAsync("timeline", viewer, incidentId, token => ComputeAsync(viewer, incidentId, token), ct);

    private async Task<TimelineData?> ComputeAsync(Actor viewer, int incidentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == incidentId)
            .Select(i => new { Phases = new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt), i.CreatedAt })
            .SingleOrDefaultAsync(ct);
        if (incident is null) return null;
        var events = await db.TimelineEvents.AsNoTracking().Where(e => e.IncidentId == incidentId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new TimelineEntry(e.Id, e.OccurredAt, e.EndsAt, e.Kind, e.Text, e.Author, e.Source, e.SourceReference, e.IsKey,
                e.ServiceId, e.Service == null ? null : e.Service.Name, e.Version, e.Moment))
            .ToListAsync(ct);
        var impacts = await db.ServiceImpacts.AsNoTracking().Where(x => x.IncidentId == incidentId)
            .OrderBy(x => x.StartedAt).ThenBy(x => x.Service!.Name)
            .Select(Impact.ImpactWindowItem.Projection)
            .ToListAsync(ct);
        return new TimelineData(incidentId, incident.Phases, incident.CreatedAt, events, impacts);
    }

    /// <summary>The Slack messages (channel and ts) already on the incident's timeline, so a preview marks them.</summary>
    public async Task<IReadOnlySet<string>> SlackKeysAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.TimelineEvents.AsNoTracking().InVisibleIncidents(db.Incidents, viewer, e => e.IncidentId)
            .Where(e => e.IncidentId == incidentId && e.SourceReference != null && e.SourceReference.StartsWith(Slack.SlackPreview.KeyPrefix))
            .Select(e => e.SourceReference!).ToListAsync(ct);
        return keys.ToHashSet();
    }

    /// <summary>Services whose name or group matches, for the event dialog's picker.</summary>
    public async Task<IReadOnlyList<ServiceChoice>> SearchServicesAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Archived services stay on old events but are not offered for new ones.
        var services = db.Services.AsNoTracking().Where(s => !s.IsArchived);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = LikePattern.Contains(text);
            services = services.Where(s => SqlFunctions.Like(s.Name, pattern) || SqlFunctions.Like(s.Group, pattern));
        }
        return await services.OrderBy(s => s.Name).Take(50).Select(s => new ServiceChoice(s.Id, s.Name, s.Group)).ToListAsync(ct);
    }

    public async Task<ServiceChoice?> GetServiceAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.AsNoTracking().Where(s => s.Id == id).Select(s => new ServiceChoice(s.Id, s.Name, s.Group)).SingleOrDefaultAsync(ct);
    }
}
