namespace Dashboard.Data.Actions;

/// <summary>A remediation action as the form edits it.</summary>
public sealed class ActionInput
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Free text, for an owner without an account; ignored when <see cref="OwnerUserId"/> names a user.</summary>
    public string? Owner { get; set; }
    public string? OwnerUserId { get; set; }
    /// <summary>
    /// The owner named by email, as programs do (the API's <c>ownerEmail</c>): it picks the enabled user
    /// with that email, and wins over <see cref="OwnerUserId"/>. Never read back: <see cref="From"/> leaves it empty.
    /// </summary>
    public string? OwnerEmail { get; set; }
    public string? Team { get; set; }
    public ActionPriority Priority { get; set; } = ActionPriority.P2;
    public ActionKind Kind { get; set; } = ActionKind.Prevent;
    public ActionStatus Status { get; set; } = ActionStatus.Open;
    public string? WontDoReason { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? ExternalUrl { get; set; }

    public static ActionInput From(RemediationAction a) => new()
    {
        Title = a.Title, Description = a.Description, Owner = a.Owner, OwnerUserId = a.OwnerUserId, Team = a.Team, Priority = a.Priority,
        Kind = a.Kind, Status = a.Status, WontDoReason = a.WontDoReason, DueDate = a.DueDate, ExternalUrl = a.ExternalUrl,
    };
}
