using System.Globalization;
using Dashboard.Data.Seeding;

namespace Dashboard.Data.Actions;

/// <summary>Writes actions as CSV with a header row and ISO 8601 dates, safe to open in a spreadsheet.</summary>
public static class ActionCsv
{
    public static readonly string[] Header =
        ["id", "incident", "incident_title", "title", "owner", "team", "priority", "kind", "status", "wont_do_reason",
         "due_date", "overdue", "age_days", "created_at", "completed_at", "link"];

    public static async Task WriteAsync(IEnumerable<ActionRow> rows, DateOnly today, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = SpreadsheetCsv.Open(writer);
        await SpreadsheetCsv.WriteRowAsync(csv, Header);
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            string?[] fields =
            [
                r.Id.ToString(CultureInfo.InvariantCulture), r.IncidentSlug, r.IncidentTitle, r.Title, r.Owner, r.Team,
                r.Priority.ToString(), SeedEnum.Kebab(r.Kind.ToString()), SeedEnum.Kebab(r.Status.ToString()), r.WontDoReason,
                r.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.IsOverdue ? "yes" : "no",
                r.AgeDays(today).ToString(CultureInfo.InvariantCulture),
                r.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.CompletedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.ExternalUrl,
            ];
            await SpreadsheetCsv.WriteRowAsync(csv, fields);
        }
    }
}
