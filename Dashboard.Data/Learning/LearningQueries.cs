using Dashboard.Data.Incidents;
using Dashboard.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Learning;

/// <summary>
/// Links between incidents, the promises still open when an incident repeated, and the review's
/// repeat figures. Every query starts from <see cref="Incidents.Visibility"/>, so a link or a
/// promise never leads to an incident the actor may not see.
/// </summary>
public sealed class LearningQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory, AggregateCache cache)
{
    public const int CandidateLimit = 20;

    /// <summary>
    /// The incident's links and the promises open when it repeated one; shared through the aggregate
    /// cache like the incident page's record, since every visitor of the page asks for it.
    /// </summary>
    public Task<RelatedIncidents> RelatedAsync(Actor actor, int incidentId, CancellationToken ct = default) =>
        cache.GetAsync("related", actor, incidentId, token => ComputeRelatedAsync(actor, incidentId, token), ct);

    private async Task<RelatedIncidents> ComputeRelatedAsync(Actor actor, int incidentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Incidents.VisibleTo(actor).AsNoTracking();
        var self = await visible.Where(i => i.Id == incidentId).Select(i => new { i.Id, Start = i.StartedAt ?? i.TriggeredAt }).SingleOrDefaultAsync(ct);
        if (self is null) return RelatedIncidents.None;
        var outgoing = from l in db.IncidentLinks where l.FromIncidentId == incidentId
                       join other in visible on l.ToIncidentId equals other.Id
                       select new LinkItem(l.Id, l.Kind, false, other.Slug, other.Title, other.StartedAt ?? other.TriggeredAt);
        var incoming = from l in db.IncidentLinks where l.ToIncidentId == incidentId
                       join other in visible on l.FromIncidentId equals other.Id
                       select new LinkItem(l.Id, l.Kind, true, other.Slug, other.Title, other.StartedAt ?? other.TriggeredAt);
        var links = (await outgoing.ToListAsync(ct)).Concat(await incoming.ToListAsync(ct))
            .OrderBy(l => l.Kind).ThenBy(l => l.Backward).ThenBy(l => l.StartedAt).ThenBy(l => l.Slug, StringComparer.Ordinal).ToList();

        var earlier = links.Where(l => l.Kind == IncidentLinkKind.Repeats && !l.Backward).ToList();
        var earlierSlugs = earlier.Select(e => e.Slug).ToList();
        var actions = await ActionsOfAsync(db, visible.Where(i => earlierSlugs.Contains(i.Slug)), ct);
        var repeats = earlier.Select(e => Promises(e.Slug, e.Title, self.Start, actions.GetValueOrDefault(e.Slug, []))).ToList();
        return new RelatedIncidents(links, repeats);
    }

    /// <summary>Incidents to offer in the link picker: matching title or slug, newest first.</summary>
    public async Task<IReadOnlyList<LinkCandidate>> CandidatesAsync(Actor actor, int excludeId, string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incidents = db.Incidents.VisibleTo(actor).AsNoTracking().Where(i => i.Id != excludeId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search);
            incidents = incidents.Where(i => SqlFunctions.Like(i.Title, pattern) || SqlFunctions.Like(i.Slug, pattern));
        }
        return await incidents.OrderByDescending(i => i.StartedAt ?? i.TriggeredAt).ThenByDescending(i => i.Id).Take(CandidateLimit)
            .Select(i => new LinkCandidate(i.Slug, i.Title, i.StartedAt ?? i.TriggeredAt)).ToListAsync(ct);
    }

    /// <summary>The review period's incidents (the review's own filters) that repeat an earlier one, with the promises open at each repeat.</summary>
    /// <remarks>Part of the review, so shared like its report (see <see cref="ReviewQueries"/>).</remarks>
    public Task<RepeatStats> RepeatsAsync(Actor actor, ReviewQuery query, CancellationToken ct = default) =>
        cache.GetAsync("repeats", actor, query, token => ComputeRepeatsAsync(actor, query, token), ct);

    private async Task<RepeatStats> ComputeRepeatsAsync(Actor actor, ReviewQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Incidents.AsNoTracking().VisibleTo(actor);
        var period = ReviewQueries.Filter(visible, query, actor);
        var total = await period.CountAsync(ct);
        var links = await (from l in db.IncidentLinks where l.Kind == IncidentLinkKind.Repeats
                           join later in period on l.FromIncidentId equals later.Id
                           join earlier in visible on l.ToIncidentId equals earlier.Id
                           select new
                           {
                               later.Slug, later.Title, Start = later.StartedAt ?? later.TriggeredAt,
                               EarlierId = earlier.Id, EarlierSlug = earlier.Slug, EarlierTitle = earlier.Title,
                           }).ToListAsync(ct);
        var earlierIds = links.Select(l => l.EarlierId).Distinct().ToList();
        var actions = await ActionsOfAsync(db, visible.Where(i => earlierIds.Contains(i.Id)), ct);
        var rows = links.Select(l => (Link: l, Promises: Promises(l.EarlierSlug, l.EarlierTitle, l.Start, actions.GetValueOrDefault(l.EarlierSlug, []))))
            .Select(x => new RepeatRow(x.Link.Slug, x.Link.Title, x.Link.Start, x.Link.EarlierSlug, x.Link.EarlierTitle, x.Promises.AgreedBefore, x.Promises.Open.Count))
            .OrderByDescending(r => r.StartedAt).ThenBy(r => r.Slug, StringComparer.Ordinal).ToList();
        var repeating = rows.GroupBy(r => r.Slug).ToList();
        return new RepeatStats(total, repeating.Count, repeating.Count(g => g.Any(r => r.OpenAtRepeat > 0)), rows);
    }

    private static RepeatPromises Promises(string slug, string title, DateTime? repeatStart, IReadOnlyList<PromiseAction> actions) =>
        repeatStart is { } at
            ? new RepeatPromises(slug, title, at, actions.Count(a => a.CreatedAt < at), OpenPromises.At(actions, at))
            : new RepeatPromises(slug, title, null, 0, []);

    /// <summary>The actions of the given incidents with their status histories, by incident slug, in one query.</summary>
    private static async Task<Dictionary<string, List<PromiseAction>>> ActionsOfAsync(IncidentBoardDbContext db, IQueryable<Incident> incidents, CancellationToken ct)
    {
        var rows = await (from a in db.RemediationActions.AsNoTracking()
                          join i in incidents on a.IncidentId equals i.Id
                          select new
                          {
                              i.Slug,
                              Action = new PromiseAction(a.Id, a.Title, a.Owner, a.Team, a.DueDate, a.CreatedAt,
                                  a.StatusHistory.Select(h => new StatusAt(h.Status, h.At)).ToList()),
                          }).ToListAsync(ct);
        return rows.GroupBy(r => r.Slug).ToDictionary(g => g.Key, g => g.Select(r => r.Action).ToList());
    }
}
