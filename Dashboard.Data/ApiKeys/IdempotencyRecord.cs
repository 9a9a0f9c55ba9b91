namespace Dashboard.Data.ApiKeys;

/// <summary>
/// The first response to a POST sent with an <c>Idempotency-Key</c> header, kept for 24 hours:
/// the same key with the same body gets this response again, with a different body a 422.
/// </summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    /// <summary>Whose key it is (the API key's id): two clients may pick the same Idempotency-Key.</summary>
    public int ApiKeyId { get; set; }
    public required string Key { get; set; }
    /// <summary>Method and path, and a SHA-256 of the request body, to tell a replay from a reuse.</summary>
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}
