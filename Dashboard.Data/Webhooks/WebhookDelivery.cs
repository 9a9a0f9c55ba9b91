namespace Dashboard.Data.Webhooks;

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// The outbox: one event for one endpoint, written in the same transaction as the change it
/// reports, so a rolled-back change sends nothing and a crash loses nothing. The worker claims due
/// rows by pushing <see cref="NextAttemptAt"/> past a lease; a worker that dies mid-delivery leaves
/// the row due again once the lease runs out.
/// </summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    /// <summary>The <c>webhook-id</c> header (<c>msg_…</c>): the same for a redelivery, so receivers can drop duplicates.</summary>
    public required string EventId { get; set; }
    public int EndpointId { get; set; }
    public WebhookEndpoint? Endpoint { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    /// <summary>The message is about a private incident: only an endpoint that includes private incidents may be sent it, or sent it again.</summary>
    public bool AboutPrivate { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>Set by each claim; a worker finishes only the rows it holds the token of.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastResponseCode { get; set; }
    public int? LastLatencyMs { get; set; }
    public string? LastError { get; set; }
}
