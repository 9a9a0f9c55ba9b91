namespace Dashboard.Data.Learning;

/// <summary>An earlier incident's action with its status history (any order), as the rule reads it.</summary>
public sealed record PromiseAction(int Id, string Title, string? Owner, string? Team, DateOnly? DueDate, DateTime CreatedAt,
    IReadOnlyList<StatusAt> History);

public sealed record StatusAt(ActionStatus Status, DateTime At);

/// <summary>
/// A follow-up that was still open when the incident repeated: its status at that moment, how many
/// whole days past its due date it was then (null when it had no due date or was not yet due), and
/// when it was finally closed (null while it is still open, or was reopened after closing).
/// </summary>
public sealed record OpenPromise(int ActionId, string Title, string? Owner, DateOnly? DueDate, ActionStatus StatusAtRepeat,
    int? DaysOverdueAtRepeat, DateTime? ClosedAt, ActionStatus? ClosedAs);

/// <summary>
/// "Which of the earlier incident's follow-ups were still open when it happened again?" An action
/// counts when it was agreed before the repeat started and, by its own status history, was neither
/// done nor won't-do at that moment (a move at the very minute the repeat started counts as made
/// in time). Plain code over plain records, so the rule is tested without a database or a page.
/// </summary>
public static class OpenPromises
{
    public static IReadOnlyList<OpenPromise> At(IEnumerable<PromiseAction> actions, DateTime repeatStartedAt)
    {
        var open = new List<OpenPromise>();
        foreach (var a in actions.Where(a => a.CreatedAt < repeatStartedAt).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id))
        {
            var history = a.History.OrderBy(h => h.At).ToList();
            // Before its first recorded move an agreed action is open.
            var then = history.LastOrDefault(h => h.At <= repeatStartedAt)?.Status ?? ActionStatus.Open;
            if (IsClosed(then)) continue;
            var last = history.LastOrDefault();
            var closed = last is not null && IsClosed(last.Status) ? last : null;
            open.Add(new OpenPromise(a.Id, a.Title, a.Owner ?? a.Team, a.DueDate, then,
                DaysOverdue(a.DueDate, repeatStartedAt), closed?.At, closed?.Status));
        }
        return open;
    }

    public static bool IsClosed(ActionStatus status) => status is ActionStatus.Done or ActionStatus.WontDo;

    /// <summary>An action due on a day is overdue from the next day (UTC) on.</summary>
    private static int? DaysOverdue(DateOnly? due, DateTime at)
    {
        if (due is not { } d) return null;
        var days = DateOnly.FromDateTime(at).DayNumber - d.DayNumber;
        return days > 0 ? days : null;
    }
}
