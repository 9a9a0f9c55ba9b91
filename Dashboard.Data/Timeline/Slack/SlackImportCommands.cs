using Dashboard.Data.Audit;
using Dashboard.Data.Domain;
using Dashboard.Data.Door;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Timeline.Slack;

/// <summary>Reads what an incident already holds from Slack, and commits the rows a user ticked, in one transaction.</summary>
public sealed class SlackImportCommands(IDbContextFactory<IncidentBoardDbContext> dbFactory, WriteDoor door)
{
    private const string Subject = "timeline event";

    /// <summary>The incident's slug and tags (to suggest a channel) and its window, from start (or trigger) to resolution (or now).</summary>
    public async Task<(string Slug, IReadOnlyList<string> Tags, DateTime? From, DateTime? To)?> IncidentAsync(int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.Incidents.AsNoTracking().Where(x => x.Id == incidentId)
            .Select(x => new { x.Slug, x.Tags, From = x.StartedAt ?? x.TriggeredAt, To = x.ResolvedAt ?? x.MitigatedAt }).SingleOrDefaultAsync(ct);
        return i is null ? null : (i.Slug, i.Tags?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], i.From, i.To);
    }

    /// <summary>The references of the channel's messages already on the incident's timeline.</summary>
    public async Task<IReadOnlySet<string>> ImportedAsync(int incidentId, string channel, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prefix = SlackImport.Reference(channel, "");
        var refs = await db.TimelineEvents.AsNoTracking().Where(e => e.IncidentId == incidentId && e.SourceReference != null && e.SourceReference.StartsWith(prefix))
            .Select(e => e.SourceReference!).ToListAsync(ct);
        return refs.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes the chosen rows as events (source: import, reference: channel and ts). Rows already on
    /// the timeline are checked again inside the transaction and left out, so importing twice adds nothing.
    /// </summary>
    public Task<CommandResult> ImportAsync(Actor actor, int incidentId, string channel, IReadOnlyList<SlackRow> rows, CancellationToken ct = default) =>
        door.RunAsync(actor.Via(ChangeSource.Import), Permission.Respond, Subject, async w =>
        {
            if (!await w.Db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) return CommandResult.NotFound("incident");
            var prefix = SlackImport.Reference(channel, "");
            var existing = (await w.Db.TimelineEvents.Where(e => e.IncidentId == incidentId && e.SourceReference != null && e.SourceReference.StartsWith(prefix))
                .Select(e => e.SourceReference!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var fresh = rows.Where(r => !existing.Contains(r.SourceReference(channel))).DistinctBy(r => r.Ts).ToList();
            if (fresh.Count == 0) return w.Invalid("", "Nothing to import: every chosen message is already on the timeline.");
            var count = await w.Db.TimelineEvents.CountAsync(e => e.IncidentId == incidentId, ct);
            if (count + fresh.Count > Limits.EventsPerIncident)
                return w.Invalid("", $"The timeline holds {count:N0} events; {fresh.Count:N0} more would pass its limit of {Limits.EventsPerIncident:N0}.");
            w.Db.TimelineEvents.AddRange(fresh.Select(r => new TimelineEvent
            {
                IncidentId = incidentId, OccurredAt = r.At, Kind = r.Kind, Author = r.Author.Length > Limits.PersonLength ? r.Author[..Limits.PersonLength] : r.Author,
                Text = r.ThreadOf is null ? r.Text : $"↳ {r.Text}"[..Math.Min(r.Text.Length + 2, Limits.EventTextLength)],
                Source = EventSource.Import, SourceReference = r.SourceReference(channel), Version = Guid.NewGuid(),
            }));
            w.Audit("timeline_event.imported", $"{fresh.Count} events from Slack #{channel}", incidentId,
                new FieldChange("Events", null, fresh.Count.ToString()),
                new FieldChange("From", null, UtcTime.Format(fresh.Min(r => r.At))),
                new FieldChange("To", null, UtcTime.Format(fresh.Max(r => r.At))));
            w.Publish("timeline_event.created", ChangeScope.Incident(incidentId));
            return CommandResult.Ok(Subject) with { Count = fresh.Count };
        }, ct);
}
