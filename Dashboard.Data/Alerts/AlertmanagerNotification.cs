namespace Dashboard.Data.Alerts;

/// <summary>Alertmanager's webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).</summary>
public sealed record AlertmanagerNotification
{
    public string? Version { get; init; }
    public string? GroupKey { get; init; }
    public int TruncatedAlerts { get; init; }
    public string? Status { get; init; }
    public string? Receiver { get; init; }
    public Dictionary<string, string> GroupLabels { get; init; } = [];
    public Dictionary<string, string> CommonLabels { get; init; } = [];
    public Dictionary<string, string> CommonAnnotations { get; init; } = [];
    public string? ExternalURL { get; init; }
    public List<AlertmanagerAlert> Alerts { get; init; } = [];
}

public sealed record AlertmanagerAlert
{
    public string? Status { get; init; }
    public Dictionary<string, string> Labels { get; init; } = [];
    public Dictionary<string, string> Annotations { get; init; } = [];
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string? GeneratorURL { get; init; }
    public string? Fingerprint { get; init; }
}

public static class AlertLimits
{
    public const int GroupKeyLength = 1000;
    /// <summary>Alertmanager's own default max_alerts is 0 (all); a group this large is a storm, not an incident's record.</summary>
    public const int AlertsPerNotification = 500;
}
