namespace Dashboard.Data.Actions;

/// <summary>Validation and status rules for remediation actions.</summary>
public static class ActionRules
{
    // Due dates far outside this range are typos (0205 for 2025), not plans.
    private static readonly DateOnly EarliestDue = new(2000, 1, 1);
    private const int LatestDueYearsAhead = 10;

    public static Dictionary<string, string> Validate(ActionInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = "Title is required.";
        else if (input.Title.Trim().Length > Limits.TitleLength) errors[nameof(input.Title)] = $"Title is longer than {Limits.TitleLength} characters.";
        if ((input.Description?.Length ?? 0) > Limits.EventTextLength) errors[nameof(input.Description)] = $"Description is longer than {Limits.EventTextLength} characters.";
        if ((input.Owner?.Trim().Length ?? 0) > Limits.PersonLength) errors[nameof(input.Owner)] = $"Owner is longer than {Limits.PersonLength} characters.";
        if ((input.Team?.Trim().Length ?? 0) > Limits.PersonLength) errors[nameof(input.Team)] = $"Team is longer than {Limits.PersonLength} characters.";
        if (!Enum.IsDefined(input.Priority)) errors[nameof(input.Priority)] = "Choose a priority.";
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "Choose a kind.";
        if (!Enum.IsDefined(input.Status)) errors[nameof(input.Status)] = "Choose a status.";
        if (input.Status == ActionStatus.WontDo && string.IsNullOrWhiteSpace(input.WontDoReason))
            errors[nameof(input.WontDoReason)] = "Say why it won't be done: a reason is required.";
        else if ((input.WontDoReason?.Length ?? 0) > Limits.EventTextLength)
            errors[nameof(input.WontDoReason)] = $"The reason is longer than {Limits.EventTextLength} characters.";
        if (input.DueDate is { } due && (due < EarliestDue || due > today.AddYears(LatestDueYearsAhead)))
            errors[nameof(input.DueDate)] = $"Due date {due:yyyy-MM-dd} is outside {EarliestDue:yyyy} to {today.AddYears(LatestDueYearsAhead):yyyy}.";
        if (!string.IsNullOrWhiteSpace(input.ExternalUrl) && (!WebLinks.IsSafeHttpUrl(input.ExternalUrl) || input.ExternalUrl.Trim().Length > Limits.UrlLength))
            errors[nameof(input.ExternalUrl)] = $"'{input.ExternalUrl.Trim()}' is not an http or https link.";
        return errors;
    }

    /// <summary>
    /// Applies a status: done stamps completed-at (kept if it was already done), leaving done
    /// clears it, and a won't-do reason is kept only while the action is won't do. A new action, or
    /// a change of status, appends to the action's status history, so "was it still open on that
    /// date?" can later be answered from the history rather than from today's status.
    /// </summary>
    public static void ApplyStatus(RemediationAction action, ActionStatus status, string? wontDoReason, DateTime now, string? by)
    {
        var isNew = action.Id == 0 && action.StatusHistory.Count == 0;
        if (isNew || action.Status != status)
            action.StatusHistory.Add(new ActionStatusChange { ActionId = action.Id, Status = status, At = now, By = by });
        if (status == ActionStatus.Done) action.CompletedAt = action.Status == ActionStatus.Done ? action.CompletedAt ?? now : now;
        else action.CompletedAt = null;
        action.WontDoReason = status == ActionStatus.WontDo ? wontDoReason?.Trim() : null;
        action.Status = status;
    }
}
