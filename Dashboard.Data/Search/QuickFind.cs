using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Search;

public enum QuickFindKind { Incident, Service, Action, Search }

/// <summary>One match of the quick switcher: what it is, how it reads, and the app path it opens.</summary>
public sealed record QuickFindHit(QuickFindKind Kind, string Title, string Detail, string Path);

/// <summary>
/// The Ctrl+K switcher's search: incidents by title or slug, services by name or key, actions by
/// title or tracker link (which carries its key, e.g. EDGE-42). Matching runs in SQL with escaped
/// LIKE patterns, a few rows per kind, and only over incidents the viewer may see. Last comes the
/// way to everything else: the text as a full-text search (<see cref="FullTextSearch"/>, the search page).
/// </summary>
public sealed class QuickFind(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public const int MaxPerKind = 6;
    public const int MaxTextLength = 100;

    public async Task<IReadOnlyList<QuickFindHit>> FindAsync(Actor viewer, string? text, CancellationToken ct = default)
    {
        var q = (text ?? "").Trim();
        if (q.Length == 0) return [];
        if (q.Length > MaxTextLength) q = q[..MaxTextLength];
        var like = LikePattern.Contains(q);
        var exact = q.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = Visible(db.Incidents.AsNoTracking(), viewer);

        var incidentRows = await incidents
            .Where(i => SqlFunctions.Like(i.Title, like) || SqlFunctions.Like(i.Slug, like))
            .OrderByDescending(i => i.Slug == exact).ThenByDescending(i => i.StartedAt ?? i.TriggeredAt).ThenBy(i => i.Id)
            .Take(MaxPerKind)
            .Select(i => new { i.Slug, i.Title, i.Severity, i.Organisation, Started = i.StartedAt ?? i.TriggeredAt })
            .ToListAsync(ct);

        var serviceRows = await db.Services.AsNoTracking()
            .Where(s => SqlFunctions.Like(s.Name, like) || SqlFunctions.Like(s.Key, like))
            .OrderByDescending(s => s.Key == exact).ThenBy(s => s.IsArchived).ThenBy(s => s.Name)
            .Take(MaxPerKind)
            .Select(s => new { s.Key, s.Name, s.Group, s.IsArchived })
            .ToListAsync(ct);

        var visibleIds = incidents.Select(i => i.Id);
        var actionRows = await db.RemediationActions.AsNoTracking()
            .Where(a => visibleIds.Contains(a.IncidentId))
            .Where(a => SqlFunctions.Like(a.Title, like)
                || (a.ExternalUrl != null && SqlFunctions.Like(a.ExternalUrl, like)))
            .OrderBy(a => a.Status == ActionStatus.Done || a.Status == ActionStatus.WontDo).ThenByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Take(MaxPerKind)
            .Select(a => new { a.Title, a.Status, a.Incident!.Slug, IncidentTitle = a.Incident.Title })
            .ToListAsync(ct);

        return
        [
            .. incidentRows.Select(i => new QuickFindHit(QuickFindKind.Incident, i.Title,
                $"{i.Severity.ToString().ToUpperInvariant()} · {i.Organisation}{(i.Started is { } s ? $" · {s:yyyy-MM-dd}" : "")}", $"incidents/{i.Slug}")),
            .. serviceRows.Select(s => new QuickFindHit(QuickFindKind.Service, s.Name,
                $"{s.Key} · {s.Group}{(s.IsArchived ? " · archived" : "")}", $"services/{s.Key}")),
            .. actionRows.Select(a => new QuickFindHit(QuickFindKind.Action, a.Title,
                $"{Names.Of(a.Status)} · {a.IncidentTitle}", $"incidents/{a.Slug}?tab=actions")),
            .. SearchText.Parse(q).Text is null ? Array.Empty<QuickFindHit>() :
                [new QuickFindHit(QuickFindKind.Search, $"Search all text for “{q}”", "Titles, summaries, postmortems, timelines, factors and actions", $"search?q={Uri.EscapeDataString(q)}")],
        ];
    }

    /// <summary>The one place the read rule for private incidents applies here (Incidents/Visibility.cs); actions follow their incident.</summary>
    private static IQueryable<Incident> Visible(IQueryable<Incident> incidents, Actor viewer) => incidents.VisibleTo(viewer);
}
