
namespace Dashboard.Data.Webhooks;

/// <summary>The events an endpoint may subscribe to, and which audited door action raises each.</summary>
public static class WebhookEventTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        AuditActions.IncidentCreated, AuditActions.IncidentUpdated, AuditActions.IncidentStatusChanged, AuditActions.IncidentDeleted,
        AuditActions.TimelineEventCreated,
        AuditActions.ActionCreated, AuditActions.ActionUpdated,
        AuditActions.PostmortemSubmitted, AuditActions.PostmortemPublished,
        AuditActions.StatusUpdatePublished, AuditActions.StatusUpdateCorrected,
        AuditActions.StatusPostmortemPublished, AuditActions.StatusPostmortemUpdated, AuditActions.MaintenanceReminded,
    ];

    /// <summary>
    /// The event a door action raises, or null. Audit actions already name most events; an incident
    /// made from an imported postmortem is still a new incident to a subscriber.
    /// </summary>
    public static string? ForAuditAction(string action) => action switch
    {
        AuditActions.IncidentImported => AuditActions.IncidentCreated,
        _ when All.Contains(action) => action,
        _ => null,
    };

    public static IReadOnlyList<string> Parse(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
