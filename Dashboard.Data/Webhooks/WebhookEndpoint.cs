namespace Dashboard.Data.Webhooks;

/// <summary>
/// A URL an admin registered to hear of chosen events, signed with its own secret (Standard
/// Webhooks). The worker disables it after a day of failed deliveries and says why.
/// </summary>
public class WebhookEndpoint : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(), null, Version);

    public int Id { get; set; }
    public required string Url { get; set; }
    /// <summary>Comma-separated event types, e.g. <c>incident.created,action.updated</c>.</summary>
    public required string EventTypes { get; set; }
    /// <summary>
    /// The signing secret (<c>whsec_</c> + base64 of 32 random bytes), protected with ASP.NET Core
    /// Data Protection (<see cref="Webhooks.WebhookSecrets"/>): not hashed, because the worker must
    /// sign with it, and not stored readable. Rows made before protection hold the plain secret until
    /// it is next rotated. Shown to the admin once when made or rotated.
    /// </summary>
    public required string Secret { get; set; }
    /// <summary>
    /// An admin marked this endpoint to hear of private incidents too. Off by default: then nothing
    /// about a private incident is queued for it (see <see cref="Incidents.EdgeAudience"/>).
    /// </summary>
    public bool IncludePrivate { get; set; }
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
