using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Notifications;

/// <summary>
/// The clock's notifications: an open action is due within 3 days, or has become overdue, counted in
/// its owner's own time zone. Each is told once per due date (a new due date is a new reminder). Runs
/// through the door as the system, so its notifications and mails commit together.
/// </summary>
public sealed class NotificationScan(WriteDoor door, Notifier notifier)
{
    /// <summary>An action stops being "newly" overdue after this many days; older ones were told (or predate the feature).</summary>
    private const int NewlyOverdueDays = 3;

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var staged = 0;
        await door.RunAsync(Actor.System, Permission.Read, "notification", async w =>
        {
            var utcToday = DateOnly.FromDateTime(w.Now);
            // A day's slack either side: somebody's local date is at most a day from UTC's.
            var (earliest, latest) = (utcToday.AddDays(-NewlyOverdueDays - 1), utcToday.AddDays(4));
            var due = await w.Db.RemediationActions.AsNoTracking()
                .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.OwnerUserId != null
                    && a.DueDate != null && a.DueDate >= earliest && a.DueDate <= latest)
                .Join(w.Db.Users, a => a.OwnerUserId, u => u.Id, (a, u) => new { a.Id, a.Title, a.DueDate, a.OwnerUserId, a.IncidentId, a.Incident!.Slug, IncidentTitle = a.Incident.Title, u.TimeZone })
                .ToListAsync(ct);
            var candidates = new List<NotificationCandidate>();
            foreach (var a in due)
            {
                var today = QuietHours.Today(w.Now, QuietHours.Zone(a.TimeZone));
                var days = a.DueDate!.Value.DayNumber - today.DayNumber;
                var link = $"/incidents/{a.Slug}";
                if (days is >= 0 and <= 3)
                    candidates.Add(new(a.OwnerUserId!, NotificationKind.ActionDueSoon,
                        days == 0 ? $"Your action “{a.Title}” is due today ({a.IncidentTitle})" : $"Your action “{a.Title}” is due in {days} day{(days == 1 ? "" : "s")} ({a.IncidentTitle})",
                        link, a.IncidentId, $"due-soon:{a.Id}:{a.DueDate:yyyy-MM-dd}"));
                else if (days is < 0 and >= -NewlyOverdueDays)
                    candidates.Add(new(a.OwnerUserId!, NotificationKind.ActionOverdue, $"Your action “{a.Title}” is overdue since {a.DueDate:yyyy-MM-dd} ({a.IncidentTitle})",
                        link, a.IncidentId, $"overdue:{a.Id}:{a.DueDate:yyyy-MM-dd}"));
            }
            staged = await notifier.StageAsync(w.Db, candidates, w.Now, ct);
            return CommandResult.Ok("notification");
        }, ct);
        return staged;
    }
}
