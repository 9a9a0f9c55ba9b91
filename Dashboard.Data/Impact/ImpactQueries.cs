using Dashboard.Data.Incidents;
using Dashboard.Data.Graph;
using Dashboard.Data.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Impact;

public sealed class ImpactQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock, ServiceGraphCache graphs)
{
    /// <summary>One window as stored now, to reload an edit that was refused as stale; null when it was deleted.</summary>
    public async Task<ImpactWindowItem?> GetWindowAsync(Actor viewer, int incidentId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceImpacts.AsNoTracking().InVisibleIncidents(db.Incidents, viewer, x => x.IncidentId).Where(x => x.IncidentId == incidentId && x.Id == id).Select(ImpactWindowItem.Projection).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The incident's impact windows and its dependency graph: the affected services plus every
    /// service they depend on, transitively (the unaffected upstream ones are where causes hide, e.g.
    /// Cloudflare's ClickHouse cluster), laid out in layers, with the root-cause service marked.
    /// </summary>
    public async Task<ImpactView?> GetAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => i.Id == incidentId)
            .Select(i => new { Phases = new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt), i.CreatedAt })
            .SingleOrDefaultAsync(ct);
        if (incident is null) return null;
        var phases = incident.Phases;
        var windows = await db.ServiceImpacts.AsNoTracking().Where(x => x.IncidentId == incidentId)
            .OrderBy(x => x.StartedAt).ThenBy(x => x.Service!.Name)
            .Select(ImpactWindowItem.Projection)
            .ToListAsync(ct);

        var catalog = await graphs.GetAsync(db, ct);
        var affected = windows.Select(w => w.ServiceId).ToHashSet();
        var nodes = catalog.WithDependencies(affected);
        var ids = nodes.ToList();
        var services = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Key, s.Name, s.Group }).ToDictionaryAsync(s => s.Id, ct);
        string NameOf(int id) => services[id].Name;
        var edges = catalog.EdgesWithin(nodes).ToList();
        var layout = GraphLayering.Layout(nodes, edges, NameOf);
        var worst = ImpactStates.Worst(windows.Select(w => w.Span));
        var root = RootCause.Find(catalog, nodes, affected, NameOf);
        var graphNodes = nodes.Select(id => new GraphNode(id, services[id].Key, services[id].Name, services[id].Group, layout[id].Layer, layout[id].Order,
                worst.TryGetValue(id, out var level) ? level : null, id == root))
            .OrderBy(n => n.Layer).ThenBy(n => n.Order).ToList();

        var (from, to) = Span(phases, windows);
        return new ImpactView(incidentId, phases, incident.CreatedAt, phases.OpenWindowEnd(clock.GetUtcNow().UtcDateTime), from, to, windows, graphNodes, edges);
    }

    /// <summary>
    /// The replay runs from the first of impact start and earliest window to the resolution (or the
    /// latest window end, or now for an incident still open).
    /// </summary>
    private (DateTime From, DateTime To) Span(PhaseTimes phases, IReadOnlyList<ImpactWindowItem> windows)
    {
        var starts = windows.Select(w => w.StartedAt).Append(phases.ImpactStart ?? DateTime.MaxValue);
        var from = starts.Min();
        var now = clock.GetUtcNow().UtcDateTime;
        if (from == DateTime.MaxValue) from = phases.Detected ?? now;
        var ends = windows.Select(w => w.EndedAt ?? w.StartedAt).Append(phases.Resolved ?? DateTime.MinValue).Append(from);
        var to = phases.Resolved ?? (windows.Any(w => w.EndedAt is null) ? now : ends.Max());
        if (to < ends.Max()) to = ends.Max();
        if (to <= from) to = from.AddMinutes(1);
        return (DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc));
    }
}
