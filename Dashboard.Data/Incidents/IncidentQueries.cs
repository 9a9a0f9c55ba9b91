using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Incidents;

/// <remarks>
/// Pages of the list are shared through <see cref="AggregateCache"/> (the
/// app's case): everyone who opens /incidents sees the same newest page, and counting thousands of
/// incidents for each of them is what made the page slow under load.
/// </remarks>
public sealed class IncidentQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, AggregateCache cache)
{
    /// <summary>One page of the incidents list; filtering, sorting, counting and paging all run in SQL.</summary>
    public Task<Paged<IncidentListItem>> ListAsync(Actor viewer, IncidentListQuery query, CancellationToken ct = default) =>
        cache.GetAsync("incidents", viewer, query, token => ComputeListAsync(viewer, query, token), ct);

    private async Task<Paged<IncidentListItem>> ComputeListAsync(Actor viewer, IncidentListQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = Filter(db.Incidents.AsNoTracking().VisibleTo(viewer), query);
        var total = await incidents.CountAsync(ct);
        var items = await Sort(incidents, query)
            .Skip(Math.Max(0, query.Page) * query.PageSize)
            .Take(Math.Clamp(query.PageSize, 1, 200))
            .Select(i => new IncidentListItem(i.Id, i.Slug, i.Title, i.Organisation, i.Severity, i.Status,
                i.StartedAt ?? i.TriggeredAt, i.DurationMinutes,
                i.Impacts.Select(x => x.ServiceId).Distinct().Count(), i.PostmortemStatus, i.IsNearMiss))
            .ToListAsync(ct);
        return new Paged<IncidentListItem>(items, total);
    }

    internal static IQueryable<Incident> Filter(IQueryable<Incident> incidents, IncidentListQuery q)
    {
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var pattern = LikePattern.Contains(q.Search);
            incidents = incidents.Where(i => SqlFunctions.Like(i.Title, pattern)
                || SqlFunctions.Like(i.Organisation, pattern)
                || SqlFunctions.Like(i.Slug, pattern)
                || SqlFunctions.Like(i.Summary, pattern)
                || (i.Tags != null && SqlFunctions.Like(i.Tags, pattern)));
        }
        if (q.Severities is { Count: > 0 } severities) incidents = incidents.Where(i => severities.Contains(i.Severity));
        if (q.Statuses is { Count: > 0 } statuses) incidents = incidents.Where(i => statuses.Contains(i.Status));
        if (q.NearMiss is { } nearMiss) incidents = incidents.Where(i => i.IsNearMiss == nearMiss);
        return incidents;
    }

    private static IQueryable<Incident> Sort(IQueryable<Incident> incidents, IncidentListQuery q)
    {
        var sorted = q.Sort switch
        {
            IncidentSort.Severity => Order(incidents, i => i.Severity, q.Descending),
            IncidentSort.Title => Order(incidents, i => i.Title, q.Descending),
            IncidentSort.Status => Order(incidents, i => i.Status, q.Descending),
            IncidentSort.Organisation => Order(incidents, i => i.Organisation, q.Descending),
            IncidentSort.Duration => Order(incidents, i => i.DurationMinutes, q.Descending),
            IncidentSort.AffectedServices => Order(incidents, i => i.Impacts.Select(x => x.ServiceId).Distinct().Count(), q.Descending),
            _ => Order(incidents, i => i.StartedAt ?? i.TriggeredAt, q.Descending),
        };
        // A stable tie-breaker keeps pages from overlapping when many rows share a sort value.
        return sorted.ThenByDescending(i => i.Id);
    }

    private static IOrderedQueryable<Incident> Order<TKey>(IQueryable<Incident> source, System.Linq.Expressions.Expression<Func<Incident, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    /// <summary>The incident page's record; shared through the aggregate cache like the list.</summary>
    public Task<IncidentDetail?> GetAsync(Actor viewer, string slug, CancellationToken ct = default) =>
        cache.GetAsync("incident", viewer, slug, token => ComputeDetailAsync(viewer, slug, token), ct);

    private async Task<IncidentDetail?> ComputeDetailAsync(Actor viewer, string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var detail = await db.Incidents.AsNoTracking().AsSplitQuery().VisibleTo(viewer)
            .Where(i => i.Slug == slug)
            .Select(i => new
            {
                Incident = i,
                Sources = i.Sources.OrderBy(s => s.SortOrder).Select(s => new SourceItem(s.Ref, s.Title, s.Url, s.Grade)).ToList(),
                EventCount = i.Events.Count,
                Impacts = i.Impacts.OrderBy(x => x.StartedAt).ThenBy(x => x.Service!.Name).AsQueryable().Select(Impact.ImpactWindowItem.Projection).ToList(),
                ActionCount = i.Actions.Count,
                Participants = i.Participants.OrderBy(p => p.Role).ThenBy(p => p.User!.DisplayName)
                    .Select(p => new ParticipantItem(p.UserId, p.User!.DisplayName, p.Role)).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (detail is null) return null;
        var i = detail.Incident;
        return new IncidentDetail(i.Id, i.Slug, i.Title, i.Organisation, i.Severity, i.Status, i.Commander,
            i.Tags?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], i.SourceTimeZone,
            new PhaseTimes(i.TriggeredAt, i.StartedAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt),
            i.Summary, i.Trigger, i.RootCause, i.CustomerImpact, i.PostmortemStatus,
            detail.Sources, detail.EventCount, detail.Impacts, detail.ActionCount, i.Version,
            i.IsPrivate, detail.Participants)
        {
            WhatSurprisedUs = i.WhatSurprisedUs, IsNearMiss = i.IsNearMiss,
        };
    }

    /// <summary>The header fields of an incident as the edit form shows them, with its concurrency version.</summary>
    public async Task<(int Id, Guid Version, IncidentInput Input)?> GetForEditAsync(Actor viewer, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.Incidents.AsNoTracking().VisibleTo(viewer).Include(x => x.Sources).SingleOrDefaultAsync(x => x.Slug == slug, ct);
        if (i is null) return null;
        return (i.Id, i.Version, IncidentInput.From(i));
    }
}
