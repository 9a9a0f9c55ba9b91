using System.Globalization;

namespace Dashboard.Data.Audit;

/// <summary>Writes audit entries as CSV, one row per entry, through the app's one CSV writer (<see cref="SpreadsheetCsv"/>).</summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["id", "at", "actor", "actor_kind", "source", "action", "entity_type", "entity_key", "incident", "changes"];

    public static async Task WriteAsync(IAsyncEnumerable<AuditRow> rows, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = SpreadsheetCsv.Open(writer);
        await SpreadsheetCsv.WriteRowAsync(csv, Header);
        await foreach (var r in rows.WithCancellation(ct))
        {
            string?[] fields =
            [
                r.Id.ToString(CultureInfo.InvariantCulture), r.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.Actor, r.ActorKind.ToString().ToLowerInvariant(), r.Source.ToString().ToLowerInvariant(), r.Action, r.EntityType, r.EntityKey,
                r.IncidentSlug, string.Join("; ", r.Changes.Select(Describe)),
            ];
            await SpreadsheetCsv.WriteRowAsync(csv, fields);
        }
    }

    /// <summary>"Owner: alice → bob", as the page shows it.</summary>
    public static string Describe(FieldChange c) => c switch
    {
        { Old: null } => $"{FieldChanges.Label(c.Field)}: {c.New}",
        { New: null } => $"{FieldChanges.Label(c.Field)}: {c.Old} → (none)",
        _ => $"{FieldChanges.Label(c.Field)}: {c.Old} → {c.New}",
    };
}
