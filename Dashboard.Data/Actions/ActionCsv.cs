using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Data.Seeding;
using Dashboard.Data.Actions;

namespace Dashboard.Data.Actions;

/// <summary>Writes actions as CSV with a header row and ISO 8601 dates, safe to open in a spreadsheet.</summary>
public static class ActionCsv
{
    public static readonly string[] Header =
        ["id", "incident", "incident_title", "title", "owner", "team", "priority", "kind", "status", "wont_do_reason",
         "due_date", "overdue", "age_days", "created_at", "completed_at", "link"];

    public static async Task WriteAsync(IEnumerable<ActionRow> rows, DateOnly today, TextWriter writer, CancellationToken ct = default)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            // With NewLine set, CsvHelper's default quotes only fields holding the whole "\r\n": a lone
            // "\n" in a title would then end the row in every spreadsheet. Any break, quote or comma is quoted.
            ShouldQuote = a => a.Field is { Length: > 0 } f && (f.AsSpan().IndexOfAny("\",\r\n") >= 0 || f[0] == ' ' || f[^1] == ' '),
        };
        await using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
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
            foreach (var f in fields) csv.WriteField(Neutralise(f));
            await csv.NextRecordAsync();
        }
    }

    /// <summary>
    /// A cell starting with = + - @ (or a tab or carriage return) is run as a formula by
    /// spreadsheets, so user text like "=HYPERLINK(…)" gets a leading apostrophe and stays text.
    /// </summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
