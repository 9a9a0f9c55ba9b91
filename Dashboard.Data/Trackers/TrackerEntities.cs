namespace Dashboard.Data.Trackers;

/// <summary>The issue trackers IncidentBoard can open issues in; each has its provider in the app (<c>Dashboard.Trackers</c>).</summary>
public enum TrackerKind { GitHub, Jira }

public enum TrackerIssueState { Requested, Open, Closed }

public enum TrackerCallKind { Create, Update }

public enum TrackerCallStatus { Pending, Done, Failed }

/// <summary>
/// A repository or project an admin connected. Its token and webhook secret are never stored here:
/// they are read from configuration under <c>Trackers:Credentials:{Name}</c> (environment variables
/// <c>Trackers__Credentials__{Name}__Token</c>), so a copy of the database holds no credential.
/// </summary>
public class TrackerConnection : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, Name, null, Version);

    public int Id { get; set; }
    /// <summary>Lower-case letters, digits and dashes: the key of its credentials and of its webhook address.</summary>
    public required string Name { get; set; }
    public TrackerKind Kind { get; set; }
    /// <summary>The API's root: https://api.github.com, or the Jira site (https://example.atlassian.net).</summary>
    public required string BaseUrl { get; set; }
    /// <summary>GitHub's "owner/repo", or a Jira project key.</summary>
    public required string Project { get; set; }
    /// <summary>Comma-separated labels every issue gets.</summary>
    public string? Labels { get; set; }
    /// <summary>Jira's issue type for new issues (Task when empty); GitHub has none.</summary>
    public string? IssueType { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// One action's issue in one connected tracker. The unique (action, connection) pair is the
/// idempotency key: asking twice, from two tabs or two instances, opens one issue.
/// </summary>
public class TrackerIssue : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, IssueKey ?? $"action-{ActionId}", IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int ActionId { get; set; }
    /// <summary>The action's incident, kept here so the door's visibility rule sees it.</summary>
    public int IncidentId { get; set; }
    public int ConnectionId { get; set; }
    public TrackerConnection? Connection { get; set; }
    public TrackerIssueState State { get; set; }
    /// <summary>As people write it: "#123" on GitHub, "OPS-12" on Jira; null until the tracker answered.</summary>
    public string? IssueKey { get; set; }
    /// <summary>The provider's own address of the issue in its API (GitHub's number, Jira's key).</summary>
    public string? ExternalId { get; set; }
    public string? IssueUrl { get; set; }
    /// <summary>The tracker's last-updated time of the issue as last heard, for "the newer change wins".</summary>
    public DateTime? RemoteUpdatedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// The outbox of calls to trackers, written in the transaction of the change that needs them, so a
/// rolled-back change calls nothing and a restart loses nothing. The worker claims due rows by
/// pushing <see cref="NextAttemptAt"/> past a lease, as the webhook outbox does.
/// </summary>
public class TrackerCall
{
    public long Id { get; set; }
    public int TrackerIssueId { get; set; }
    public TrackerIssue? TrackerIssue { get; set; }
    public TrackerCallKind Kind { get; set; }
    public TrackerCallStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
}
