using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;


namespace Dashboard.Data.Changes;

public enum ChangeKind { Deploy, Config, FeatureFlag, Infrastructure, DataMigration, Other }

/// <summary>How a change stands to an incident once a responder has said so.</summary>
public enum ChangeRole { Trigger, Contributing }

/// <summary>
/// Something that changed in a system (a deploy, a configuration push, a flag flip, a Terraform run),
/// recorded apart from any incident: the same change can precede several incidents, and most changes
/// precede none. Incidents find their candidates by time and by the services it touched.
/// </summary>
public class ChangeEvent : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, ExternalId ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, Version);

    public int Id { get; set; }
    /// <summary>The sender's own id (a deployment id, a commit SHA); sending it again finds this row instead of adding one.</summary>
    public string? ExternalId { get; set; }
    public ChangeKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Environment { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>Who or what made it: a person, a pipeline, an automation.</summary>
    public required string Author { get; set; }
    /// <summary>Commit, pipeline run or pull request (http/https only).</summary>
    public string? Link { get; set; }
    /// <summary>Comma-separated, as incident tags are stored.</summary>
    public string? Labels { get; set; }
    /// <summary>Where the record came from: api, webhook, seed, ui, cli, import (a postmortem file).</summary>
    public required string Origin { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid Version { get; set; }

    public List<ChangeService> Services { get; set; } = [];
}

/// <summary>One catalog service a change touched.</summary>
public class ChangeService
{
    public int ChangeEventId { get; set; }
    public ChangeEvent? ChangeEvent { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    /// <summary>The change's start, kept beside the service so "changes to these services in this window" is one index range.</summary>
    public DateTime StartedAt { get; set; }
}

/// <summary>A responder's verdict that a change triggered or contributed to an incident (one trigger per incident).</summary>
public class ChangeMark : IIncidentRow
{
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public int ChangeEventId { get; set; }
    public ChangeEvent? ChangeEvent { get; set; }
    public ChangeRole Role { get; set; }
    public DateTime MarkedAt { get; set; }
    public required string MarkedBy { get; set; }
}
