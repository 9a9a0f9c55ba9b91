using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.StatusPages;

/// <summary>A component as admins see it: the catalog service behind it (key and group) and its public name.</summary>
public sealed record StatusComponentRow(int Id, int ServiceId, string ServiceKey, string ServiceName, string Group, string DisplayName, int Position);

public sealed record StatusPageRow(int Id, string Key, string Name, StatusAudience Audience, IReadOnlyList<Role> Roles, string? LogoUrl, string? Description,
    IReadOnlyList<string> EmbedOrigins, bool ImpactDrivesColour, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<StatusComponentRow> Components, Guid Version,
    IReadOnlyList<string>? Groups = null)
{
    public StatusPageInput ToInput() => new()
    {
        Key = Key, Name = Name, Audience = Audience, Roles = Roles, Groups = Groups ?? [], LogoUrl = LogoUrl, Description = Description, EmbedOrigins = EmbedOrigins,
        ImpactDrivesColour = ImpactDrivesColour, Components = [.. Components.Select(c => new StatusComponentInput(c.ServiceKey, c.DisplayName))],
    };
}

/// <summary>What a subscriber's "choose components" link shows: the page's components, theirs ticked (none ticked: the whole page).</summary>
public sealed record SubscriptionChoice(string PageKey, string PageName, IReadOnlyList<SubscriptionComponentChoice> Components);

public sealed record SubscriptionComponentChoice(string Id, string Name, bool Chosen);

/// <summary>A page to publish to: its address, its name and whom it shows to.</summary>
public sealed record StatusPageChoice(int Id, string Key, string Name, StatusAudience Audience);

public sealed record StatusUpdateComponentRow(int ServiceId, string ServiceKey, string ServiceName, ImpactLevel Level);

/// <summary>One update of an incident's public stream, draft or published, as the incident page shows it.</summary>
public sealed record StatusUpdateRow(int Id, int IncidentId, string Title, PublicState State, string Body, DateTime CreatedAt, string CreatedBy,
    DateTime? PublishedAt, string? PublishedBy, DateTime? CorrectedAt, IReadOnlyList<StatusUpdateComponentRow> Components, IReadOnlyList<string> PageKeys, Guid Version)
{
    public bool IsDraft => PublishedAt is null;

    public StatusUpdateInput ToInput() => new()
    {
        Title = Title, State = State, Body = Body, Components = Components.ToDictionary(c => c.ServiceKey, c => c.Level),
    };
}

/// <summary>The incident's public stream for the incident page, and whether the viewer may publish it.</summary>
public sealed record IncidentStatusUpdates(IReadOnlyList<StatusUpdateRow> Updates, bool MayPublish, IReadOnlyList<StatusPageChoice> Pages, IReadOnlyList<StatusServiceChoice> Services);

/// <summary>A catalog service that is on at least one page: what an update may name as affected.</summary>
public sealed record StatusServiceChoice(string Key, string Name, string Group);

/// <summary>Status pages for admins, and an incident's updates for those who see the incident.</summary>
public sealed class StatusPageQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>A page's maintenances, soonest first, with their state now; for admins.</summary>
    public async Task<IReadOnlyList<MaintenanceRow>> MaintenancesAsync(Actor viewer, string pageKey, CancellationToken ct = default)
    {
        if (!viewer.May(Permission.Administer)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.StatusMaintenances.AsNoTracking().Where(m => db.StatusPages.Any(p => p.Id == m.StatusPageId && p.Key == pageKey))
            .OrderBy(m => m.ScheduledFor).Select(m => new
            {
                m.Id, m.Title, m.Body, m.ScheduledFor, m.ScheduledUntil, m.VerifyMinutes, m.CreatedAt, m.CreatedBy, m.Version,
                Services = m.Components.Select(c => c.ServiceId).ToList(),
            }).ToListAsync(ct);
        var ids = rows.SelectMany(r => r.Services).Distinct().ToList();
        var keys = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        return [.. rows.Select(m => new MaintenanceRow(m.Id, pageKey, m.Title, m.Body, m.ScheduledFor, m.ScheduledUntil, m.VerifyMinutes,
            StatusMaintenance.StateAt(m.ScheduledFor, m.ScheduledUntil, m.VerifyMinutes, now), [.. m.Services.Select(s => keys[s]).Order()], m.CreatedAt, m.CreatedBy, m.Version))];
    }

    public async Task<IReadOnlyList<StatusPageRow>> ListAsync(Actor viewer, CancellationToken ct = default) =>
        viewer.May(Permission.Administer) ? await RowsAsync(null, ct) : [];

    public async Task<StatusPageRow?> GetAsync(Actor viewer, string key, CancellationToken ct = default) =>
        viewer.May(Permission.Administer) ? (await RowsAsync(key, ct)).SingleOrDefault() : null;

    /// <summary>A confirmed subscription by the token in its mails (the token is the permission); null for any other token.</summary>
    public async Task<SubscriptionChoice?> SubscriptionAsync(string? token, CancellationToken ct = default)
    {
        if (!StatusSubscriber.CouldBeToken(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscriber = await db.StatusSubscribers.AsNoTracking().Where(s => s.Token == token && s.ConfirmedAt != null && s.UnsubscribedAt == null)
            .Select(s => new { s.StatusPageId, Chosen = s.Components.Select(c => c.StatusPageComponentId).ToList() }).SingleOrDefaultAsync(ct);
        if (subscriber is null) return null;
        var page = await db.StatusPages.AsNoTracking().Where(p => p.Id == subscriber.StatusPageId).Select(p => new
        {
            p.Key, p.Name, Components = p.Components.OrderBy(c => c.Position).Select(c => new { c.Id, c.DisplayName }).ToList(),
        }).SingleAsync(ct);
        return new SubscriptionChoice(page.Key, page.Name,
            [.. page.Components.Select(c => new SubscriptionComponentChoice(StatusPageComponent.PublicId(c.Id), c.DisplayName, subscriber.Chosen.Contains(c.Id)))]);
    }

    /// <summary>Every page by name: for the publish dialog, to anyone who may draft.</summary>
    public async Task<IReadOnlyList<StatusPageChoice>> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StatusPages.AsNoTracking().OrderBy(p => p.Name).Select(p => new StatusPageChoice(p.Id, p.Key, p.Name, p.Audience)).ToListAsync(ct);
    }

    private async Task<List<StatusPageRow>> RowsAsync(string? key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pages = db.StatusPages.AsNoTracking();
        if (key is not null) pages = pages.Where(p => p.Key == key);
        var rows = await pages.OrderBy(p => p.Name).Select(p => new
        {
            p.Id, p.Key, p.Name, p.Audience, p.Roles, p.Groups, p.LogoUrl, p.Description, p.EmbedOrigins, p.ImpactDrivesColour, p.CreatedAt, p.UpdatedAt, p.Version,
            Components = p.Components.OrderBy(c => c.Position).Select(c => new StatusComponentRow(c.Id, c.ServiceId, c.Service!.Key, c.Service.Name, c.Service.Group, c.DisplayName, c.Position)).ToList(),
        }).ToListAsync(ct);
        return [.. rows.Select(p => new StatusPageRow(p.Id, p.Key, p.Name, p.Audience, StatusPageRules.RolesOf(p.Roles), p.LogoUrl, p.Description,
            StatusPageRules.Origins(p.EmbedOrigins), p.ImpactDrivesColour, p.CreatedAt, p.UpdatedAt, p.Components, p.Version, StatusPageRules.GroupsOf(p.Groups)))];
    }

    /// <summary>The incident's updates, newest first; nothing when the viewer does not see the incident.</summary>
    public async Task<IncidentStatusUpdates?> ForIncidentAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Incidents.VisibleTo(viewer).AnyAsync(i => i.Id == incidentId, ct)) return null;
        var updates = await UpdatesAsync(db, u => u.IncidentId == incidentId, ct);
        var mayPublish = viewer.May(Permission.Administer)
            || (viewer.UserId is { } user && await db.IncidentParticipants.AnyAsync(p => p.IncidentId == incidentId && p.UserId == user && p.Role == IncidentRole.CommsLead, ct));
        var pages = await db.StatusPages.AsNoTracking().OrderBy(p => p.Name).Select(p => new StatusPageChoice(p.Id, p.Key, p.Name, p.Audience)).ToListAsync(ct);
        var services = (await db.StatusPageComponents.AsNoTracking().Select(c => new { c.Service!.Key, c.Service.Name, c.Service.Group }).Distinct().ToListAsync(ct))
            .OrderBy(s => s.Group).ThenBy(s => s.Name).Select(s => new StatusServiceChoice(s.Key, s.Name, s.Group)).ToList();
        return new IncidentStatusUpdates(updates, mayPublish, pages, services);
    }

    /// <summary>
    /// The incident's public postmortem for its editor, with the internal postmortem's text to start from;
    /// admins only (they alone write it), and only for an incident they see.
    /// </summary>
    public async Task<StatusPostmortemRow?> PostmortemAsync(Actor viewer, int incidentId, CancellationToken ct = default)
    {
        if (!viewer.May(Permission.Administer)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var internalText = await db.Incidents.VisibleTo(viewer).Where(i => i.Id == incidentId).Select(i => new { i.PostmortemMarkdown }).SingleOrDefaultAsync(ct);
        if (internalText is null) return null;
        var onPage = await db.StatusUpdatePages.AnyAsync(p => db.StatusUpdates.Any(u => u.Id == p.StatusUpdateId && u.IncidentId == incidentId), ct);
        var row = await db.StatusPostmortems.AsNoTracking().Where(p => p.IncidentId == incidentId).SingleOrDefaultAsync(ct);
        return row is null
            ? new StatusPostmortemRow(incidentId, "", null, null, null, null, null, null, null, internalText.PostmortemMarkdown, onPage)
            : new StatusPostmortemRow(incidentId, row.Draft, row.Body, row.PublishedAt, row.PublishedBy, row.UpdatedAt, row.EditedAt, row.EditedBy, row.Version,
                internalText.PostmortemMarkdown, onPage);
    }

    /// <summary>The incident's id by its slug, if the viewer sees it.</summary>
    public async Task<int?> IncidentIdAsync(Actor viewer, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Incidents.VisibleTo(viewer).Where(i => i.Slug == slug).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>One update, if the viewer sees its incident.</summary>
    public async Task<StatusUpdateRow?> UpdateAsync(Actor viewer, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Incidents.VisibleTo(viewer).Select(i => i.Id);
        return (await UpdatesAsync(db, u => u.Id == id && visible.Contains(u.IncidentId), ct)).SingleOrDefault();
    }

    private static async Task<List<StatusUpdateRow>> UpdatesAsync(IncidentBoardDbContext db, System.Linq.Expressions.Expression<Func<StatusUpdate, bool>> where, CancellationToken ct)
    {
        var rows = await db.StatusUpdates.AsNoTracking().Where(where).OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Select(u => new
        {
            u.Id, u.IncidentId, u.Title, u.State, u.Body, u.CreatedAt, u.CreatedBy, u.PublishedAt, u.PublishedBy, u.CorrectedAt, u.Version,
            Components = u.Components.Select(c => new { c.ServiceId, c.Level }).ToList(),
            Pages = u.Pages.Select(p => p.StatusPage!.Key).ToList(),
        }).ToListAsync(ct);
        var ids = rows.SelectMany(r => r.Components.Select(c => c.ServiceId)).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => (s.Key, s.Name), ct);
        return [.. rows.Select(u => new StatusUpdateRow(u.Id, u.IncidentId, u.Title, u.State, u.Body, u.CreatedAt, u.CreatedBy, u.PublishedAt, u.PublishedBy, u.CorrectedAt,
            [.. u.Components.Select(c => new StatusUpdateComponentRow(c.ServiceId, services[c.ServiceId].Key, services[c.ServiceId].Name, c.Level)).OrderBy(c => c.ServiceName)],
            [.. u.Pages.Order()], u.Version))];
    }
}
