using Dashboard.Data.Actions;

namespace Dashboard.Tests.Data;

public class ActionCsvTests
{
    private static readonly DateOnly Today = new(2026, 1, 15);

    private static ActionRow Row(string title, string? owner = "kim") => new(
        7, 3, "2025-11-18-cloudflare-bot-management", "Global 5xx errors, bot file", title, null, owner, "Edge",
        ActionPriority.P1, ActionKind.Prevent, ActionStatus.InProgress, null, new DateOnly(2026, 1, 10),
        new DateTime(2026, 1, 2, 8, 30, 0, DateTimeKind.Utc), null, "https://tracker.example.com/EDGE-1", true, Guid.Empty);

    private static async Task<string> CsvAsync(params ActionRow[] rows)
    {
        var writer = new StringWriter();
        await ActionCsv.WriteAsync(rows, Today, writer);
        return writer.ToString();
    }

    [Fact]
    public async Task The_export_has_a_header_and_iso_dates()
    {
        var lines = (await CsvAsync(Row("Harden config ingestion"))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', ActionCsv.Header), lines[0]);
        Assert.Equal("7,2025-11-18-cloudflare-bot-management,\"Global 5xx errors, bot file\",Harden config ingestion,kim,Edge,P1,prevent,in-progress,,2026-01-10,yes,13,2026-01-02T08:30:00Z,,https://tracker.example.com/EDGE-1", lines[1]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_neutralised(string title)
    {
        var csv = await CsvAsync(Row(title, owner: "=cmd|' /C calc'!A0"));

        Assert.Contains("'" + title[0], csv);
        Assert.Contains(",'=cmd|' /C calc'!A0,", csv);
        Assert.DoesNotContain(",=", csv);
        Assert.DoesNotContain(",+", csv);
        Assert.DoesNotContain(",@", csv);
    }

    [Fact]
    public void Ordinary_text_is_left_alone() => Assert.Equal("Fix it", SpreadsheetCsv.Neutralise("Fix it"));
}
