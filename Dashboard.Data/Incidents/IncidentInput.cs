namespace Dashboard.Data.Incidents;

/// <summary>
/// The header fields of an incident as a form edits them. Times are text typed in UTC
/// ("2025-11-18 11:28") so the validator can say exactly which one it could not read.
/// </summary>
public sealed class IncidentInput
{
    public string Title { get; set; } = "";
    public string Organisation { get; set; } = "";
    public Severity Severity { get; set; } = Severity.Sev2;
    public IncidentStatus Status { get; set; } = IncidentStatus.Investigating;
    public string? Commander { get; set; }
    public string? Tags { get; set; }
    public string? Triggered { get; set; }
    public string? Started { get; set; }
    public string? Detected { get; set; }
    public string? Acknowledged { get; set; }
    public string? Mitigated { get; set; }
    public string? Resolved { get; set; }
    public string Summary { get; set; } = "";
    public string? Trigger { get; set; }
    public string? RootCause { get; set; }
    public string? CustomerImpact { get; set; }
    /// <summary>The postmortem's "What surprised us"; edited on the postmortem page, carried here so a header save keeps it.</summary>
    public string? WhatSurprisedUs { get; set; }
    /// <summary>A near miss: recorded without customer impact, counted apart on the review.</summary>
    public bool IsNearMiss { get; set; }
    public List<SourceInput> Sources { get; set; } = [];
    /// <summary>Read when the incident is declared, so a security incident is never public for a moment; later changes go through <see cref="IncidentAccessCommands"/>.</summary>
    public bool IsPrivate { get; set; }

    public static IncidentInput From(Incident i) => new()
    {
        Title = i.Title, Organisation = i.Organisation, Severity = i.Severity, Status = i.Status,
        Commander = i.Commander, Tags = i.Tags?.Replace(",", ", "),
        Triggered = Show(i.TriggeredAt), Started = Show(i.StartedAt), Detected = Show(i.DetectedAt),
        Acknowledged = Show(i.AcknowledgedAt), Mitigated = Show(i.MitigatedAt), Resolved = Show(i.ResolvedAt),
        Summary = i.Summary, Trigger = i.Trigger, RootCause = i.RootCause, CustomerImpact = i.CustomerImpact,
        WhatSurprisedUs = i.WhatSurprisedUs, IsNearMiss = i.IsNearMiss,
        Sources = [.. i.Sources.OrderBy(s => s.SortOrder).Select(s => new SourceInput { Title = s.Title, Url = s.Url })],
    };

    private static string? Show(DateTime? utc) => utc is { } t ? UtcTime.Format(t) : null;
}

public sealed class SourceInput
{
    public string Title { get; set; } = "";
    /// <summary>Optional: some sources have no public address.</summary>
    public string? Url { get; set; }
}
