namespace Dashboard.Data.Changes;

/// <summary>A change as it is sent (API, webhook mapping, seed, command line). Texts, so every bad field can be named.</summary>
public sealed class ChangeInput
{
    /// <summary>The sender's id; the same id sent again is stored once.</summary>
    public string? ExternalId { get; set; }
    /// <summary>deploy, config, feature-flag, infrastructure, data-migration or other.</summary>
    public string? Kind { get; set; }
    /// <summary>Catalog keys of the services the change touched (at least one).</summary>
    public List<string?>? Services { get; set; }
    public string? Environment { get; set; }
    /// <summary>ISO 8601 with an offset ("2025-11-18T11:05:00Z") or "2025-11-18 11:05" (UTC).</summary>
    public string? StartedAt { get; set; }
    public string? EndedAt { get; set; }
    public string? Author { get; set; }
    public string? Title { get; set; }
    public string? Link { get; set; }
    public List<string?>? Labels { get; set; }
}

/// <summary>A change that passed its checks, with its services still as keys (the command resolves them against the catalog).</summary>
public sealed record ValidChange(string? ExternalId, ChangeKind Kind, IReadOnlyList<string> ServiceKeys, string? Environment,
    DateTime StartedAt, DateTime? EndedAt, string Author, string Title, string? Link, string? Labels);
