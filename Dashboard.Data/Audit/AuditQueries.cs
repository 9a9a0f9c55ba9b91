using Dashboard.Data.Door;
using Dashboard.Data.Entities;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Audit;

public sealed class AuditQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    /// <summary>The entity types the door writes, for the page's filter.</summary>
    public static readonly string[] EntityTypes = ["incident", "timeline_event", "impact_window", "action", "postmortem", "service", "dependency", "catalog"];

    public async Task<AuditListing> ListAsync(Actor viewer, AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(0, query.Page);
        var rows = await Filter(db, query, viewer).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(page * size).Take(size + 1).ToListAsync(ct);
        return new AuditListing([.. rows.Take(size).Select(ToRow)], page, size, rows.Count > size);
    }

    /// <summary>Every entry matching the filters, newest first, for export; capped so one request cannot exhaust memory.</summary>
    public async IAsyncEnumerable<AuditRow> ExportAsync(Actor viewer, AuditQuery query, int max = 100_000,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var entry in Filter(db, query, viewer).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(max).AsAsyncEnumerable().WithCancellation(ct))
            yield return ToRow(entry);
    }

    private static IQueryable<AuditEntry> Filter(IncidentBoardDbContext db, AuditQuery q, Actor viewer)
    {
        var entries = db.AuditEntries.AsNoTracking().VisibleTo(db.Incidents, viewer);
        if (!string.IsNullOrWhiteSpace(q.Actor)) entries = entries.Where(a => a.Actor == q.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(q.Action)) entries = entries.Where(a => a.Action == q.Action.Trim());
        if (!string.IsNullOrWhiteSpace(q.EntityType)) entries = entries.Where(a => a.EntityType == q.EntityType.Trim());
        if (q.IncidentId is { } id) entries = entries.Where(a => a.IncidentId == id);
        // By slug the entry still matches after its incident was deleted (the slug is kept on the entry).
        if (!string.IsNullOrWhiteSpace(q.IncidentSlug)) entries = entries.Where(a => a.IncidentSlug == q.IncidentSlug.Trim());
        if (q.From is { } from) entries = entries.Where(a => a.At >= from);
        if (q.To is { } to) entries = entries.Where(a => a.At < to);
        return entries;
    }

    private static AuditRow ToRow(AuditEntry a) =>
        new(a.Id, a.At, a.Actor, a.ActorKind, a.Action, a.EntityType, a.EntityKey, a.IncidentId, a.IncidentSlug, FieldChanges.Deserialize(a.Changes), a.Source);
}
