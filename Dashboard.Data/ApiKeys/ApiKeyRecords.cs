namespace Dashboard.Data.ApiKeys;

/// <summary>A new key. <see cref="OwnerEmail"/> null: the acting user's own key.</summary>
public sealed class ApiKeyInput
{
    public string Name { get; set; } = "";
    public Role Role { get; set; } = Role.Viewer;
    /// <summary>The key stops working at this moment (UTC); null: it does not expire.</summary>
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Only admins (and the command line) make keys for someone else.</summary>
    public string? OwnerEmail { get; set; }
}

/// <summary>The command's result and, when it succeeded, the key in full: shown once, never stored.</summary>
public sealed record ApiKeyCreated(CommandResult Result, string? Key);

public sealed record ApiKeyRow(int Id, string Name, string Prefix, Role Role, string OwnerEmail, string OwnerName,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public string Public => ApiKeySecret.Public(Prefix);

    public string State(DateTime now) => RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";

    public bool IsActive(DateTime now) => RevokedAt is null && !(ExpiresAt <= now);
}

/// <summary>
/// A key that was accepted: who it acts for and with which role now (the key's role, capped by the
/// owner's current one).
/// </summary>
public sealed record ApiKeyIdentity(int KeyId, string Name, string Prefix, string OwnerId, string OwnerEmail, Role Role)
{
    /// <summary>How the audit trail names the key's writes.</summary>
    public string AuditName => $"API key {Name} (owner {OwnerEmail})";

    public Actor Actor => new(ActorKind.ApiKey, AuditName, Role, ChangeSource.Api) { UserId = OwnerId, DisplayName = $"API key {Name}" };
}
