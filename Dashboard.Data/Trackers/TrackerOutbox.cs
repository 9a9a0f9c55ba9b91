using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Trackers;

/// <summary>
/// The tracker step of every audited write (an <see cref="IAuditListener"/> of the door): an action
/// edit that changed its title, due date or owner queues one update call per open issue of that action, in
/// the write's own transaction. Edits that came from a tracker are not sent back out, a pending
/// update is not queued twice (it sends the action as it is when it runs), and nothing about a
/// private incident is queued.
/// </summary>
public sealed class TrackerOutbox : IAuditListener
{
    private static readonly HashSet<string> Synced = ["Title", "DueDate", "OwnerUserId"];

    public async Task StageAsync(IncidentBoardDbContext db, IReadOnlyList<(AuditEntry Entry, object? Entity)> audited, CancellationToken ct)
    {
        var edited = audited
            .Where(a => a.Entry.Action == AuditActions.ActionUpdated && a.Entity is RemediationAction
                && !a.Entry.Actor.StartsWith(TrackerCommands.ActorPrefix, StringComparison.Ordinal)
                && FieldChanges.Deserialize(a.Entry.Changes).Any(c => Synced.Contains(c.Field)))
            .Select(a => ((RemediationAction)a.Entity!).Id).Distinct().ToList();
        if (edited.Count == 0) return;
        var hidden = await EdgeAudience.PrivateIncidentsOfAsync(db, audited, ct);
        var issues = await db.TrackerIssues.AsNoTracking()
            .Where(i => edited.Contains(i.ActionId) && i.State == TrackerIssueState.Open && !hidden.Contains(i.IncidentId)
                && !db.TrackerCalls.Any(c => c.TrackerIssueId == i.Id && c.Kind == TrackerCallKind.Update && c.Status == TrackerCallStatus.Pending))
            .Select(i => i.Id).ToListAsync(ct);
        if (issues.Count == 0) return;
        var now = audited[0].Entry.At;
        db.TrackerCalls.AddRange(issues.Select(id => new TrackerCall { TrackerIssueId = id, Kind = TrackerCallKind.Update, CreatedAt = now, NextAttemptAt = now }));
        await db.SaveChangesAsync(ct);
    }
}
