using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Dashboard.Data.Kernel;

/// <summary>
/// The one way the app writes CSV (the actions and audit exports): quoting and the formula guard
/// live here once, so no export can quote less or guard less than another.
/// </summary>
public static class SpreadsheetCsv
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        // With NewLine set, CsvHelper's default quotes only fields holding the whole "\r\n": a lone "\r"
        // or "\n" would then end the row in every spreadsheet, and the text after it would start a new
        // row, past the formula guard ("Outage\r=1+1" gave a "=1+1" row). Any break, quote or comma is quoted.
        ShouldQuote = a => a.Field is { Length: > 0 } f && (f.AsSpan().IndexOfAny("\",\r\n") >= 0 || f[0] == ' ' || f[^1] == ' '),
    };

    /// <summary>A writer over <paramref name="writer"/>, left open for the caller (an HTTP response).</summary>
    public static CsvWriter Open(TextWriter writer) => new(writer, Config, leaveOpen: true);

    /// <summary>One row: every cell through <see cref="Neutralise"/>.</summary>
    public static async Task WriteRowAsync(CsvWriter csv, IEnumerable<string?> cells)
    {
        foreach (var cell in cells) csv.WriteField(Neutralise(cell));
        await csv.NextRecordAsync();
    }

    /// <summary>
    /// A cell starting with = + - @ (or a tab or carriage return) is run as a formula by
    /// spreadsheets, so user text like "=HYPERLINK(…)" gets a leading apostrophe and stays text.
    /// </summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
