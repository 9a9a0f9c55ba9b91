using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Data.Actions;

namespace Dashboard.Data.Audit;

/// <summary>Writes audit entries as CSV, one row per entry, with formula-like cells neutralised as in the actions export.</summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["id", "at", "actor", "actor_kind", "source", "action", "entity_type", "entity_key", "incident", "changes"];

    public static async Task WriteAsync(IAsyncEnumerable<AuditRow> rows, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        await foreach (var r in rows.WithCancellation(ct))
        {
            string?[] fields =
            [
                r.Id.ToString(CultureInfo.InvariantCulture), r.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.Actor, r.ActorKind.ToString().ToLowerInvariant(), r.Source.ToString().ToLowerInvariant(), r.Action, r.EntityType, r.EntityKey,
                r.IncidentSlug, string.Join("; ", r.Changes.Select(Describe)),
            ];
            foreach (var f in fields) csv.WriteField(ActionCsv.Neutralise(f));
            await csv.NextRecordAsync();
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
