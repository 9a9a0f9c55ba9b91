namespace Dashboard.Data.Trackers;

/// <summary>
/// What a tracker's webhook said happened to an issue, in the providers' common terms. Null fields
/// were not part of the change.
/// </summary>
/// <param name="ExternalId">The provider's own id of the issue (GitHub's number, Jira's key).</param>
/// <param name="By">Who did it in the tracker (a login or a display name).</param>
/// <param name="UpdatedAt">The tracker's time of the change: the newer of it and the action's last edit wins.</param>
public sealed record RemoteIssueChange(string ExternalId, string By, DateTime UpdatedAt)
{
    /// <summary>Closed as done (true), closed as not planned (false), or not closed by this change (null).</summary>
    public bool? ClosedAsDone { get; init; }
    public bool Reopened { get; init; }
    public string? Title { get; init; }
    /// <summary>Set when the due date was part of the change; <see cref="DueDate"/> null then means it was cleared.</summary>
    public bool DueDateChanged { get; init; }
    public DateOnly? DueDate { get; init; }
    /// <summary>The person the issue was assigned to, by their email here; null when the change assigned no one we know.</summary>
    public string? AssigneeEmail { get; init; }
}
