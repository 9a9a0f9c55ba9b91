using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Trackers;

/// <summary>A claimed call: what to do to which issue, with everything the provider needs but the credentials.</summary>
public sealed record ClaimedTrackerCall(long Id, Guid ClaimToken, TrackerCallKind Kind, int Attempts, DateTime CreatedAt, int TrackerIssueId);

/// <summary>What is sent to the tracker: the action as it is now, its connection, and the issue's id there once it has one.</summary>
public sealed record IssueDraft(int ActionId, string IncidentSlug, string IncidentTitle, bool IncidentIsPrivate, string Title, string? Description,
    DateOnly? DueDate, string? ExternalId, TrackerTarget Target, string? OwnerEmail = null);

/// <summary>A connection as the providers use it.</summary>
public sealed record TrackerTarget(int Id, string Name, TrackerKind Kind, string BaseUrl, string Project, IReadOnlyList<string> Labels, string? IssueType);

/// <summary>
/// The worker's bookkeeping on the tracker outbox. These rows are delivery state, not user data:
/// written here directly, not through the door, so each attempt does not fill the audit trail.
/// What a call achieves (an issue's key) does go through the door (<see cref="TrackerCommands"/>).
/// </summary>
public sealed class TrackerCallStore(IDbContextFactory<IncidentBoardDbContext> dbFactory)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public const int BatchSize = 20;

    /// <summary>Claims due calls by moving their next attempt past the lease; the UPDATE repeats the due test, so two workers never hold one.</summary>
    public async Task<IReadOnlyList<ClaimedTrackerCall>> ClaimDueAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.TrackerCalls.Where(c => c.Status == TrackerCallStatus.Pending && c.NextAttemptAt <= now)
            .OrderBy(c => c.NextAttemptAt).Select(c => c.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var token = Guid.NewGuid();
        await db.TrackerCalls.Where(c => ids.Contains(c.Id) && c.Status == TrackerCallStatus.Pending && c.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimToken, token).SetProperty(c => c.NextAttemptAt, now + Lease), ct);
        return await db.TrackerCalls.AsNoTracking().Where(c => c.ClaimToken == token).OrderBy(c => c.Id)
            .Select(c => new ClaimedTrackerCall(c.Id, token, c.Kind, c.Attempts, c.CreatedAt, c.TrackerIssueId)).ToListAsync(ct);
    }

    public async Task<IssueDraft?> DraftAsync(int trackerIssueId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.TrackerIssues.AsNoTracking().Where(i => i.Id == trackerIssueId)
            .Join(db.RemediationActions, i => i.ActionId, a => a.Id, (i, a) => new
            {
                a.Id, a.Incident!.Slug, IncidentTitle = a.Incident.Title, a.Incident.IsPrivate, a.Title, a.Description, a.DueDate, i.ExternalId,
                c = i.Connection!, OwnerEmail = db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
            }).SingleOrDefaultAsync(ct);
        return row is null ? null : new IssueDraft(row.Id, row.Slug, row.IncidentTitle, row.IsPrivate, row.Title, row.Description, row.DueDate, row.ExternalId,
            new TrackerTarget(row.c.Id, row.c.Name, row.c.Kind, row.c.BaseUrl, row.c.Project, TrackerRules.LabelsOf(row.c.Labels), row.c.IssueType), row.OwnerEmail);
    }

    public async Task DoneAsync(ClaimedTrackerCall claim, DateTime at, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Claimed(db, claim).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, TrackerCallStatus.Done).SetProperty(c => c.Attempts, claim.Attempts + 1)
            .SetProperty(c => c.LastAttemptAt, at).SetProperty(c => c.LastError, (string?)null).SetProperty(c => c.ClaimToken, (Guid?)null), ct);
    }

    /// <summary>Records a failed attempt: due again at <paramref name="retryAt"/>, or failed for good (shown to admins with its reason) when that is null.</summary>
    public async Task FailedAsync(ClaimedTrackerCall claim, DateTime at, string error, DateTime? retryAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = error.Length <= 600 ? error : error[..599] + "…";
        await Claimed(db, claim).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, retryAt is null ? TrackerCallStatus.Failed : TrackerCallStatus.Pending)
            .SetProperty(c => c.NextAttemptAt, retryAt ?? at).SetProperty(c => c.Attempts, claim.Attempts + 1)
            .SetProperty(c => c.LastAttemptAt, at).SetProperty(c => c.LastError, message).SetProperty(c => c.ClaimToken, (Guid?)null), ct);
    }

    /// <summary>An admin's "try again" on a failed call: due now, with its attempts kept.</summary>
    public async Task<bool> RetryAsync(long callId, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TrackerCalls.Where(c => c.Id == callId && c.Status == TrackerCallStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, TrackerCallStatus.Pending).SetProperty(c => c.NextAttemptAt, now)
                .SetProperty(c => c.CreatedAt, now), ct) == 1;
    }

    // Only while this worker still holds the row: after its lease ran out another worker may have claimed it.
    private static IQueryable<TrackerCall> Claimed(IncidentBoardDbContext db, ClaimedTrackerCall claim) =>
        db.TrackerCalls.Where(c => c.Id == claim.Id && c.ClaimToken == claim.ClaimToken);
}
