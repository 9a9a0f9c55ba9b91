namespace Dashboard.Data.Incidents;

public sealed record IncidentDetail(
    int Id, string Slug, string Title, string Organisation, Severity Severity, IncidentStatus Status,
    string? Commander, IReadOnlyList<string> Tags, string? SourceTimeZone, PhaseTimes Phases,
    string Summary, string? Trigger, string? RootCause, string? CustomerImpact, PostmortemStatus PostmortemStatus,
    IReadOnlyList<SourceItem> Sources, int EventCount,
    IReadOnlyList<Impact.ImpactWindowItem> Impacts, int ActionCount, Guid Version,
    bool IsPrivate, IReadOnlyList<ParticipantItem> Participants)
{
    /// <summary>The postmortem's "What surprised us".</summary>
    public string? WhatSurprisedUs { get; init; }
    /// <summary>Recorded without customer impact.</summary>
    public bool IsNearMiss { get; init; }

    public ParticipantItem? Holder(IncidentRole role) => Participants.FirstOrDefault(p => p.Role == role);

    /// <summary>People added to see the incident, apart from its role holders.</summary>
    public IReadOnlyList<ParticipantItem> Members => [.. Participants.Where(p => p.Role == IncidentRole.Member)];

    public bool IsMember(string userId) => Participants.Any(p => p.UserId == userId && p.Role == IncidentRole.Member);

    /// <summary>The commander shown in the header: the user holding the role, else the name the source gave.</summary>
    public string? CommanderName => Holder(IncidentRole.Commander)?.DisplayName ?? Commander;
}

/// <summary>
/// A user's role or membership on an incident. Names only, no email: every reader of the incident
/// gets this, signed-out wall displays included.
/// </summary>
public sealed record ParticipantItem(string UserId, string DisplayName, IncidentRole Role);

public sealed record SourceItem(string? Ref, string Title, string? Url, SourceGrade? Grade);


