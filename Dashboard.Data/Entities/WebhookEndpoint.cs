namespace Dashboard.Data.Entities;

/// <summary>
/// A URL an admin registered to hear of chosen events, signed with its own secret (Standard
/// Webhooks). The worker disables it after a day of failed deliveries and says why.
/// </summary>
public class WebhookEndpoint
{
    public int Id { get; set; }
    public required string Url { get; set; }
    /// <summary>Comma-separated event types, e.g. <c>incident.created,action.updated</c>.</summary>
    public required string EventTypes { get; set; }
    /// <summary>
    /// <c>whsec_</c> + base64 of 32 random bytes. Kept readable (not hashed) because the worker must
    /// sign with it; shown to the admin once when made or rotated.
    /// </summary>
    public required string Secret { get; set; }
    public bool IsEnabled { get; set; } = true;
    /// <summary>Why it is off: an admin's choice, or the worker giving up after a day of failures.</summary>
    public string? DisabledReason { get; set; }
    public DateTime? DisabledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? SecretRotatedAt { get; set; }
    public Guid Version { get; set; }

    public List<WebhookDelivery> Deliveries { get; set; } = [];
}
