using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Themes;

public sealed record ThemeRef(int Id, string Name);

/// <summary>A theme as the themes page lists it: how many incidents the viewer sees under it.</summary>
public sealed record ThemeSummary(int Id, string Name, string Description, int Incidents, Guid Version);

/// <summary>An incident under a theme: whether it carries the theme itself, which of its factors do, and its open actions.</summary>
public sealed record ThemeIncident(string Slug, string Title, Severity Severity, IncidentStatus Status, DateTime? StartedAt,
    bool Tagged, IReadOnlyList<string> Factors, int OpenActions);

public sealed record ThemeDetail(int Id, string Name, string Description, Guid Version, IReadOnlyList<ThemeIncident> Incidents)
{
    /// <summary>How many of the theme's incidents still have open actions: the review's question for a theme.</summary>
    public int WithOpenActions => Incidents.Count(i => i.OpenActions > 0);
}

/// <summary>The themes on one incident: its own, and each factor's (by factor id).</summary>
public sealed record IncidentThemeSet(IReadOnlyList<ThemeRef> Incident, IReadOnlyDictionary<int, IReadOnlyList<ThemeRef>> Factors)
{
    /// <summary>Themes only the factors carry, once each, by name: shown apart from the incident's own.</summary>
    public IReadOnlyList<ThemeRef> FactorOnly =>
        [.. Factors.Values.SelectMany(v => v).DistinctBy(t => t.Id).Where(t => Incident.All(i => i.Id != t.Id)).OrderBy(t => t.Name)];
}

/// <summary>A theme in the review's period: its incidents there, and how many of them still have open actions.</summary>
public sealed record ReviewTheme(int Id, string Name, IReadOnlyList<ReviewThemeIncident> Incidents, int WithOpenActions);

public sealed record ReviewThemeIncident(string Slug, string Title, bool HasOpenActions);

/// <summary>
/// Reads of themes. An incident is under a theme when it, or one of its factors, carries it; only
/// incidents the viewer may see are listed or counted (Incidents/Visibility.cs, in the query).
/// </summary>
public sealed class ThemeQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ThemeSummary>> ListAsync(Actor viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Tags are few next to incidents: read the visible ones and count here.
        var counts = (await Pairs(db, db.Incidents.VisibleTo(viewer).Select(i => i.Id)).Distinct().ToListAsync(ct))
            .GroupBy(p => p.ThemeId).ToDictionary(g => g.Key, g => g.Count());
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, t.Description, t.Version }).ToListAsync(ct);
        return [.. themes.Select(t => new ThemeSummary(t.Id, t.Name, t.Description, counts.GetValueOrDefault(t.Id), t.Version))];
    }

    public async Task<IReadOnlyList<ThemeRef>> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Themes.AsNoTracking().OrderBy(t => t.Name).Select(t => new ThemeRef(t.Id, t.Name)).ToListAsync(ct);
    }

    public async Task<ThemeDetail?> GetAsync(Actor viewer, int themeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var theme = await db.Themes.AsNoTracking().Where(t => t.Id == themeId).Select(t => new { t.Id, t.Name, t.Description, t.Version }).SingleOrDefaultAsync(ct);
        if (theme is null) return null;
        var tagged = IncidentTags(db).Where(r => EF.Property<int>(r, "ThemeId") == themeId).Select(r => EF.Property<int>(r, "IncidentId"));
        var factors = await FactorsOf(db, themeId)
            .Where(f => db.Incidents.VisibleTo(viewer).Any(i => i.Id == f.IncidentId))
            .OrderBy(f => f.SortOrder).Select(f => new { f.IncidentId, f.Statement }).ToListAsync(ct);
        var factorIncidents = factors.Select(f => f.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().VisibleTo(viewer)
            .Where(i => tagged.Contains(i.Id) || factorIncidents.Contains(i.Id))
            .OrderByDescending(i => i.StartedAt ?? i.TriggeredAt).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Slug, i.Title, i.Severity, i.Status, Started = i.StartedAt ?? i.TriggeredAt, Tagged = tagged.Contains(i.Id),
                OpenActions = i.Actions.Count(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress),
            })
            .ToListAsync(ct);
        return new ThemeDetail(theme.Id, theme.Name, theme.Description, theme.Version, [.. incidents.Select(i => new ThemeIncident(i.Slug, i.Title, i.Severity, i.Status, i.Started,
            i.Tagged, [.. factors.Where(f => f.IncidentId == i.Id).Select(f => f.Statement)], i.OpenActions))]);
    }

    /// <summary>The incident's themes and its factors'; empty for an incident the viewer may not see.</summary>
    public async Task<IncidentThemeSet> ForIncidentAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Incidents.VisibleTo(viewer).AnyAsync(i => i.Id == incidentId, ct)) return new IncidentThemeSet([], new Dictionary<int, IReadOnlyList<ThemeRef>>());
        var ownIds = IncidentTags(db).Where(r => EF.Property<int>(r, "IncidentId") == incidentId).Select(r => EF.Property<int>(r, "ThemeId"));
        var own = await db.Themes.AsNoTracking().Where(t => ownIds.Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new ThemeRef(t.Id, t.Name)).ToListAsync(ct);
        var byFactor = await FactorTags(db)
            .Join(db.Factors.Where(f => f.IncidentId == incidentId), r => EF.Property<int>(r, "FactorId"), f => f.Id, (r, f) => new { FactorId = f.Id, ThemeId = EF.Property<int>(r, "ThemeId") })
            .Join(db.Themes, x => x.ThemeId, t => t.Id, (x, t) => new { x.FactorId, t.Id, t.Name })
            .ToListAsync(ct);
        return new IncidentThemeSet(own, byFactor.GroupBy(f => f.FactorId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ThemeRef>)[.. g.OrderBy(f => f.Name).Select(f => new ThemeRef(f.Id, f.Name))]));
    }

    /// <summary>The themes of the review's incidents (same period and filters), most incidents first.</summary>
    public async Task<IReadOnlyList<ReviewTheme>> ReviewAsync(Actor viewer, ReviewQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = ReviewQueries.Filter(db.Incidents.AsNoTracking(), query, viewer);
        var pairs = await Pairs(db, period.Select(i => i.Id)).Distinct().ToListAsync(ct);
        if (pairs.Count == 0) return [];
        var ids = pairs.Select(p => p.IncidentId).Distinct().ToList();
        var incidents = await period.Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Slug, i.Title, Started = i.StartedAt ?? i.TriggeredAt, Open = i.Actions.Any(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) })
            .ToDictionaryAsync(i => i.Id, ct);
        var names = await db.Themes.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. pairs.Where(p => incidents.ContainsKey(p.IncidentId)).GroupBy(p => p.ThemeId).Select(g =>
        {
            var list = g.Select(p => incidents[p.IncidentId]).OrderByDescending(i => i.Started).ToList();
            return new ReviewTheme(g.Key, names[g.Key], [.. list.Select(i => new ReviewThemeIncident(i.Slug, i.Title, i.Open))], list.Count(i => i.Open));
        }).OrderByDescending(t => t.Incidents.Count).ThenBy(t => t.Name)];
    }

    private static IQueryable<Dictionary<string, object>> IncidentTags(IncidentBoardDbContext db) => db.Set<Dictionary<string, object>>("IncidentThemes");

    private static IQueryable<Dictionary<string, object>> FactorTags(IncidentBoardDbContext db) => db.Set<Dictionary<string, object>>("FactorThemes");

    private static IQueryable<Factors.Factor> FactorsOf(IncidentBoardDbContext db, int themeId) =>
        db.Factors.Where(f => FactorTags(db).Any(r => EF.Property<int>(r, "ThemeId") == themeId && EF.Property<int>(r, "FactorId") == f.Id));

    /// <summary>
    /// (theme, incident) for every tag on one of <paramref name="incidentIds"/> or on one of its factors,
    /// read from the tag tables themselves (a projection through Theme's navigations needs APPLY, which SQLite lacks).
    /// </summary>
    private static IQueryable<ThemePair> Pairs(IncidentBoardDbContext db, IQueryable<int> incidentIds) =>
        IncidentTags(db).Select(r => new ThemePair { ThemeId = EF.Property<int>(r, "ThemeId"), IncidentId = EF.Property<int>(r, "IncidentId") })
            .Concat(FactorTags(db).Join(db.Factors, r => EF.Property<int>(r, "FactorId"), f => f.Id,
                (r, f) => new ThemePair { ThemeId = EF.Property<int>(r, "ThemeId"), IncidentId = f.IncidentId }))
            .Where(p => incidentIds.Contains(p.IncidentId));

    private sealed class ThemePair
    {
        public int ThemeId { get; init; }
        public int IncidentId { get; init; }
    }
}
