namespace Dashboard.Data.Actions;

/// <summary>
/// <see cref="Urgency"/> is the tracker's default: overdue first, then due soonest (no date last), then
/// priority, then the newest incident, with done and won't-do after the open work. It has no direction.
/// </summary>
public enum ActionSort { Due, Priority, Status, Age, Title, Owner, Urgency }

/// <summary>The filters of the Actions page (and of its CSV export).</summary>
public sealed record ActionQuery(
    IReadOnlyCollection<ActionStatus>? Statuses = null,
    string? Owner = null,
    string? Team = null,
    IReadOnlyCollection<ActionPriority>? Priorities = null,
    IReadOnlyCollection<ActionKind>? Kinds = null,
    int? IncidentId = null,
    bool OverdueOnly = false,
    int? DueWithinDays = null,
    string? Search = null,
    /// <summary>Only actions owned by this user (the "My work" page).</summary>
    string? OwnerUserId = null,
    ActionSort Sort = ActionSort.Urgency,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25);

public sealed record ActionRow(
    int Id, int IncidentId, string IncidentSlug, string IncidentTitle, string Title, string? Description,
    string? Owner, string? Team, ActionPriority Priority, ActionKind Kind, ActionStatus Status, string? WontDoReason,
    DateOnly? DueDate, DateTime CreatedAt, DateTime? CompletedAt, string? ExternalUrl, bool IsOverdue, Guid Version,
    bool OwnerHasAccount = false, string? CreatedBy = null)
{
    /// <summary>Days from creation to completion, or to today while the action is still open.</summary>
    public int AgeDays(DateOnly today) =>
        Math.Max(0, (CompletedAt is { } done ? DateOnly.FromDateTime(done) : today).DayNumber - DateOnly.FromDateTime(CreatedAt).DayNumber);
}

/// <summary>Counts for the top of the Actions page; "done" counts the last <see cref="PeriodDays"/> days.</summary>
public sealed record ActionSummary(int Open, int InProgress, int Overdue, int DoneInPeriod, int WontDo, int PeriodDays);

/// <summary>An incident as the actions filter offers it.</summary>
public sealed record IncidentChoice(int Id, string Title);
