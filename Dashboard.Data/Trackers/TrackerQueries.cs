using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Trackers;

public sealed record TrackerConnectionRow(int Id, string Name, TrackerKind Kind, string BaseUrl, string Project, string? Labels, string? IssueType,
    int Issues, Guid Version);

/// <summary>An action's issue in one tracker, as the action shows it.</summary>
public sealed record ActionIssueRow(int Id, int ConnectionId, string ConnectionName, TrackerKind Kind, TrackerIssueState State, string? IssueKey,
    string? IssueUrl, string? LastError, int Attempts);

/// <summary>A call that is failing or has failed, with its reason, for the admins' list.</summary>
public sealed record TrackerProblemRow(long Id, string ConnectionName, int ActionId, string ActionTitle, string IncidentSlug, TrackerCallKind Kind,
    TrackerCallStatus Status, int Attempts, DateTime? LastAttemptAt, DateTime NextAttemptAt, string? LastError);

/// <summary>An action's issues, and the connected trackers it has none in yet (where one can be opened).</summary>
public sealed record ActionTrackers(IReadOnlyList<ActionIssueRow> Issues, IReadOnlyList<TrackerChoice> Unlinked);

public sealed record TrackerChoice(int Id, string Name, TrackerKind Kind);

public sealed class TrackerQueries(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TrackerConnectionRow>> ConnectionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TrackerConnections.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new TrackerConnectionRow(c.Id, c.Name, c.Kind, c.BaseUrl, c.Project, c.Labels, c.IssueType,
                db.TrackerIssues.Count(i => i.ConnectionId == c.Id), c.Version))
            .ToListAsync(ct);
    }

    public async Task<TrackerTarget?> ConnectionAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.TrackerConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, ct);
        return c is null ? null : new TrackerTarget(c.Id, c.Name, c.Kind, c.BaseUrl, c.Project, TrackerRules.LabelsOf(c.Labels), c.IssueType);
    }

    /// <summary>The action's issues, for a viewer who may see its incident (none otherwise).</summary>
    public async Task<IReadOnlyList<ActionIssueRow>> ForActionAsync(Actor viewer, int actionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TrackerIssues.AsNoTracking().Where(i => i.ActionId == actionId)
            .InVisibleIncidents(db.Incidents, viewer, i => i.IncidentId).OrderBy(i => i.Id)
            .Select(i => new ActionIssueRow(i.Id, i.ConnectionId, i.Connection!.Name, i.Connection.Kind, i.State, i.IssueKey, i.IssueUrl,
                db.TrackerCalls.Where(c => c.TrackerIssueId == i.Id && c.LastError != null && c.Status != TrackerCallStatus.Done)
                    .OrderByDescending(c => c.Id).Select(c => c.LastError).FirstOrDefault(),
                db.TrackerCalls.Where(c => c.TrackerIssueId == i.Id && c.Status != TrackerCallStatus.Done).Sum(c => c.Attempts)))
            .ToListAsync(ct);
    }

    /// <summary>The action's issues and the trackers it could still be opened in; nothing for a viewer who may not see its incident.</summary>
    public async Task<ActionTrackers> ForActionWithChoicesAsync(Actor viewer, int actionId, CancellationToken ct = default)
    {
        var issues = await ForActionAsync(viewer, actionId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.RemediationActions.Where(a => a.Id == actionId).InVisibleIncidents(db.Incidents, viewer, a => a.IncidentId).AnyAsync(ct);
        if (!visible) return new ActionTrackers([], []);
        var linked = issues.Select(i => i.ConnectionId).ToList();
        var unlinked = await db.TrackerConnections.AsNoTracking().Where(c => !linked.Contains(c.Id)).OrderBy(c => c.Name)
            .Select(c => new TrackerChoice(c.Id, c.Name, c.Kind)).ToListAsync(ct);
        return new ActionTrackers(issues, unlinked);
    }

    /// <summary>Calls that failed for good, or have failed and are waiting to be tried again: newest first, for admins.</summary>
    public async Task<IReadOnlyList<TrackerProblemRow>> ProblemsAsync(int max = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TrackerCalls.AsNoTracking()
            .Where(c => c.Status == TrackerCallStatus.Failed || (c.Status == TrackerCallStatus.Pending && c.Attempts > 0))
            .OrderByDescending(c => c.Id).Take(max)
            .Join(db.RemediationActions, c => c.TrackerIssue!.ActionId, a => a.Id, (c, a) => new TrackerProblemRow(c.Id, c.TrackerIssue!.Connection!.Name,
                a.Id, a.Title, a.Incident!.Slug, c.Kind, c.Status, c.Attempts, c.LastAttemptAt, c.NextAttemptAt, c.LastError))
            .ToListAsync(ct);
    }
}
