using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dashboard.Data.Kernel;

/// <summary>Reads what a write changed from EF's change tracker, as short old → new text per field.</summary>
public static class FieldChanges
{
    /// <summary>Longer values (postmortems, summaries) become a size-and-lines summary, so the trail never holds whole copies.</summary>
    public const int ShortText = 160;

    // Bookkeeping columns: the entry itself says who and when, and versions mean nothing to a reader.
    private static readonly HashSet<string> Skipped =
        ["Id", "Version", "PostmortemVersion", "CreatedAt", "UpdatedAt", "IncidentId", "DurationMinutes", "PostmortemSavedAt", "PostmortemSavedBy",
         // Accounts: secrets and Identity's own bookkeeping never reach the trail.
         "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName", "AccessFailedCount", "LockoutEnd",
         "LockoutEnabled", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "UserName",
         // Webhook endpoints: the signing secret is shown once, never kept in the trail.
         "Secret",
         // API keys: the hash of the secret, and the bookkeeping of each use.
         "SecretHash", "LastUsedAt", "OwnerId"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Added rows list their set fields, deleted rows their old fields, modified rows the fields whose value changed.</summary>
    public static List<FieldChange> Of(EntityEntry entry)
    {
        var changes = new List<FieldChange>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Skipped.Contains(name) || p.Metadata.IsShadowProperty()) continue;
            switch (entry.State)
            {
                case EntityState.Added when p.CurrentValue is not null && !IsEmpty(p.CurrentValue):
                    changes.Add(Describe(name, null, p.CurrentValue));
                    break;
                case EntityState.Deleted when p.OriginalValue is not null:
                    changes.Add(Describe(name, p.OriginalValue, null));
                    break;
                case EntityState.Modified when !Equals(p.OriginalValue, p.CurrentValue):
                    changes.Add(Describe(name, p.OriginalValue, p.CurrentValue));
                    break;
            }
        }
        return changes;
    }

    public static FieldChange Describe(string field, object? old, object? @new)
    {
        var (o, n) = (Format(old), Format(@new));
        if ((o?.Length ?? 0) <= ShortText && (n?.Length ?? 0) <= ShortText && o?.Contains('\n') != true && n?.Contains('\n') != true)
            return new FieldChange(field, o, n);
        return new FieldChange(field, Size(o), $"{Size(n)}{LinesChanged(o, n)}");
    }

    // Stored under the property's name (stable for exports and filters); shown in words.
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["PostmortemMarkdown"] = "Postmortem text", ["IsKey"] = "Key event", ["IsArchived"] = "Archived",
        ["ServiceId"] = "Service (id)", ["ExternalUrl"] = "Link", ["WontDoReason"] = "Won't-do reason", ["OccurredAt"] = "Time",
        ["IsNearMiss"] = "Near miss",
    };

    /// <summary>"DetectedAt" → "Detected at", "OwnerTeam" → "Owner team": the field as a reader names it.</summary>
    public static string Label(string field) =>
        Labels.TryGetValue(field, out var label) ? label
            : string.Concat(field.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static string Serialize(IReadOnlyList<FieldChange> changes) => JsonSerializer.Serialize(changes, Json);

    public static IReadOnlyList<FieldChange> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [];

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        Enum e => Names.Of(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool IsEmpty(object value) => value is string { Length: 0 } or false;

    private static string? Size(string? text) => text is null ? null : $"{text.Length:N0} characters";

    private static string LinesChanged(string? old, string? @new)
    {
        if (old is null || @new is null) return "";
        var d = TextDifference.Between(@new, old);
        if (d.Same) return "";
        return $"; lines {d.FirstLine}–{d.FirstLine + Math.Max(d.Mine.Count, 1) - 1} changed ({d.Theirs.Count} → {d.Mine.Count} lines)";
    }
}
