using System.Globalization;
using CsvHelper;
using Dashboard.Data.Actions;
using Dashboard.Data.Audit;

namespace Dashboard.Tests.Data;

/// <summary>
/// Both CSV exports write through one cell writer: a lone carriage return or line feed is quoted, so
/// the text after it cannot start a row of its own and slip past the formula guard.
/// </summary>
public class SpreadsheetCsvTests
{
    public static TheoryData<string> Breaks => ["Outage\r=1+1", "Outage\n=1+1", "Outage\r\n=1+1"];

    private static async Task<List<string[]>> ReadBackAsync(string csvText)
    {
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync()) rows.Add([.. Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!)]);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task An_audit_entry_whose_title_holds_a_line_break_stays_one_row_and_no_cell_is_a_formula(string title)
    {
        var entry = new AuditRow(1, new DateTime(2026, 1, 2, 8, 30, 0, DateTimeKind.Utc), "ana@example.com", ActorKind.Person, "incident.updated",
            "incident", title, 3, "2026-01-02-outage", [new FieldChange("Title", "Outage", title)], ChangeSource.Ui);
        var writer = new StringWriter();

        await AuditCsv.WriteAsync(new[] { entry }.ToAsyncEnumerable(), writer);

        var rows = await ReadBackAsync(writer.ToString());
        Assert.Equal(2, rows.Count); // the header and the one entry
        Assert.All(rows, r => Assert.Equal(AuditCsv.Header.Length, r.Length));
        Assert.Equal(title, rows[1][Array.IndexOf(AuditCsv.Header, "entity_key")]);
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.StartsWith('='));
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task An_action_whose_title_holds_a_line_break_stays_one_row_and_no_cell_is_a_formula(string title)
    {
        var action = new ActionRow(7, 3, "2026-01-02-outage", "Outage", title, null, "kim", "Edge",
            ActionPriority.P1, ActionKind.Prevent, ActionStatus.Open, null, null, new DateTime(2026, 1, 2, 8, 30, 0, DateTimeKind.Utc), null, null, false, Guid.Empty);
        var writer = new StringWriter();

        await ActionCsv.WriteAsync([action], new DateOnly(2026, 1, 15), writer);

        var rows = await ReadBackAsync(writer.ToString());
        Assert.Equal(2, rows.Count);
        Assert.Equal(title, rows[1][Array.IndexOf(ActionCsv.Header, "title")]);
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.StartsWith('='));
    }
}
