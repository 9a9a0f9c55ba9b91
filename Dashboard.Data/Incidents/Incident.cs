using Dashboard.Data.Actions;
using Dashboard.Data.Impact;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Timeline;
using Dashboard.Data.Factors;
using Dashboard.Data.Graph;

namespace Dashboard.Data.Incidents;

public class Incident : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Slug, Id, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [Id];

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Organisation { get; set; }
    public Severity Severity { get; set; }
    public IncidentStatus Status { get; set; }
    /// <summary>Commander named by the source, for people without an account (seeded public outages); a user holding the role wins.</summary>
    public string? Commander { get; set; }
    /// <summary>Visible only to its participants, admins and owners; enforced in every query by <c>Visibility</c>.</summary>
    public bool IsPrivate { get; set; }
    /// <summary>Comma-separated, lower case; kept flat because tags are only displayed and searched.</summary>
    public string? Tags { get; set; }
    /// <summary>Label of the zone the source published its times in (times are still stored in UTC).</summary>
    public string? SourceTimeZone { get; set; }

    public DateTime? TriggeredAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? DetectedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? MitigatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }

    /// <summary>Computed by SQLite from the phase times so the list can sort by duration in SQL.</summary>
    public double? DurationMinutes { get; private set; }

    public required string Summary { get; set; }
    public string? Trigger { get; set; }
    public string? RootCause { get; set; }
    public string? CustomerImpact { get; set; }
    /// <summary>"What surprised us": where the responders' picture of the system turned out wrong; a postmortem field of its own, edited on the postmortem page.</summary>
    public string? WhatSurprisedUs { get; set; }
    /// <summary>Recorded without customer impact: counted apart from incidents on the review, and left out of the duration figures and error budgets.</summary>
    public bool IsNearMiss { get; set; }
    public string? PostmortemMarkdown { get; set; }
    public PostmortemStatus PostmortemStatus { get; set; }
    /// <summary>Changes on every postmortem save, so a save based on an older read is refused (apart from <see cref="Version"/>, so header edits and writing do not collide).</summary>
    public Guid PostmortemVersion { get; set; }
    public DateTime? PostmortemSavedAt { get; set; }
    public string? PostmortemSavedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }

    public List<IncidentSource> Sources { get; set; } = [];
    public List<TimelineEvent> Events { get; set; } = [];
    public List<ServiceImpact> Impacts { get; set; } = [];
    public List<RemediationAction> Actions { get; set; } = [];
    public List<Factors.Factor> Factors { get; set; } = [];
    public List<Questions.ReviewQuestion> Questions { get; set; } = [];
    public List<PostmortemTransition> PostmortemHistory { get; set; } = [];
    public List<IncidentParticipant> Participants { get; set; } = [];
}
