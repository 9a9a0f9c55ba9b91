using Dashboard.Data.Identity;

namespace Dashboard.Data.ApiKeys;

/// <summary>
/// A key a program uses to call the HTTP API as its owner, with a role no higher than the owner's.
/// Only a SHA-256 hash of the secret is kept: the key itself is shown once, when it is made.
/// </summary>
public class ApiKey : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, ApiKeySecret.Public(Prefix), null, Version);

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The public part of the key (<c>ib_&lt;prefix&gt;_…</c>): finds the row without scanning hashes, and names the key in lists and the audit trail.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the secret part. The secret has 256 bits of entropy, so a plain hash (no salt, no stretching) is enough.</summary>
    public required string SecretHash { get; set; }
    public required string OwnerId { get; set; }
    public AppUser? Owner { get; set; }
    /// <summary>The most the key may do; at each request it is also capped by the owner's current role.</summary>
    public Role Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Updated at most once a minute, so a busy client does not write on every request.</summary>
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public Guid Version { get; set; }
}
