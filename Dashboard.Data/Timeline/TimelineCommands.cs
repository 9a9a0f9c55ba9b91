using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Timeline;

public sealed record EventResult(int? Id, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>What a deleted event was, so the delete can be undone from the snackbar.</summary>
public sealed record DeletedEvent(int IncidentId, DateTime OccurredAt, DateTime? EndsAt, EventKind Kind, string Text, string? Author,
    EventSource Source, string? SourceReference, bool IsKey, int? ServiceId);

public sealed class TimelineCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimelineQueries queries, TimelineNotifier notifier)
{
    public async Task<EventResult> AddAsync(int incidentId, EventInput input, CancellationToken ct = default) =>
        await SaveAsync(incidentId, null, input, ct);

    public async Task<EventResult> UpdateAsync(int incidentId, int eventId, EventInput input, CancellationToken ct = default) =>
        await SaveAsync(incidentId, eventId, input, ct);

    public async Task<DeletedEvent?> DeleteAsync(int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await db.TimelineEvents.SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null) return null;
        db.TimelineEvents.Remove(e);
        await db.SaveChangesAsync(ct);
        notifier.Publish(e.IncidentId);
        return new DeletedEvent(e.IncidentId, e.OccurredAt, e.EndsAt, e.Kind, e.Text, e.Author, e.Source, e.SourceReference, e.IsKey, e.ServiceId);
    }

    /// <summary>Puts a deleted event back (as a new row); false when its incident is gone meanwhile.</summary>
    public async Task<bool> RestoreAsync(DeletedEvent d, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Incidents.AnyAsync(i => i.Id == d.IncidentId, ct)) return false;
        var serviceId = d.ServiceId is { } s && await db.Services.AnyAsync(x => x.Id == s, ct) ? d.ServiceId : null;
        db.TimelineEvents.Add(new Entities.TimelineEvent
        {
            IncidentId = d.IncidentId, OccurredAt = d.OccurredAt, EndsAt = d.EndsAt, Kind = d.Kind, Text = d.Text, Author = d.Author,
            Source = d.Source, SourceReference = d.SourceReference, IsKey = d.IsKey, ServiceId = serviceId,
        });
        await db.SaveChangesAsync(ct);
        notifier.Publish(d.IncidentId);
        return true;
    }

    /// <summary>Writes the importable rows of a preview in one transaction: all of them or none.</summary>
    public async Task<int> ImportAsync(int incidentId, ImportPreview preview, string author, CancellationToken ct = default)
    {
        var rows = preview.Importable;
        if (rows.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return 0;
        db.TimelineEvents.AddRange(rows.Select(r => new Entities.TimelineEvent
        {
            IncidentId = incidentId, OccurredAt = r.OccurredAt!.Value, Kind = r.Kind, Text = r.Text!, Author = r.Author ?? author,
            Source = EventSource.Import, SourceReference = $"paste, line {r.LineNumber}",
        }));
        await db.SaveChangesAsync(ct);
        notifier.Publish(incidentId);
        return rows.Count;
    }

    private async Task<EventResult> SaveAsync(int incidentId, int? eventId, EventInput input, CancellationToken ct)
    {
        var timeline = await queries.GetAsync(incidentId, ct);
        var errors = new Dictionary<string, string>();
        if (timeline is null) return new EventResult(null, new Dictionary<string, string> { [""] = "The incident no longer exists." }, []);
        var context = timeline.Context;
        var times = EventRules.Validate(input, context.ReferenceDate, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (input.ServiceId is { } sid && !await db.Services.AnyAsync(s => s.Id == sid, ct))
            errors[nameof(input.ServiceId)] = "That service is no longer in the catalog.";
        if (times is not { } t || errors.Count > 0) return new EventResult(eventId, errors, []);

        var entity = eventId is { } id
            ? await db.TimelineEvents.SingleOrDefaultAsync(x => x.Id == id && x.IncidentId == incidentId, ct)
            : db.TimelineEvents.Add(new Entities.TimelineEvent { IncidentId = incidentId, Text = "", Source = EventSource.Manual }).Entity;
        if (entity is null) return new EventResult(eventId, new Dictionary<string, string> { [""] = "This event no longer exists; someone deleted it." }, []);
        entity.OccurredAt = t.At;
        entity.EndsAt = t.EndsAt;
        entity.Kind = input.Kind;
        entity.Text = input.Text.Trim();
        entity.ServiceId = input.ServiceId;
        entity.IsKey = input.IsKey;
        entity.Author = string.IsNullOrWhiteSpace(input.Author) ? null : input.Author.Trim();
        await db.SaveChangesAsync(ct);
        notifier.Publish(incidentId);
        return new EventResult(entity.Id, errors, EventRules.Warnings(context, eventId, t.At, entity.Text));
    }
}
