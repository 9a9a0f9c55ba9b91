namespace Dashboard.Data;

/// <summary>SQLite functions used in queries, mapped in <see cref="IncidentBoardDbContext"/>.</summary>
public static class SqlFunctions
{
    /// <summary>
    /// "2025-11" for a stored UTC time: SQLite keeps DateTime as ISO text, so the month is its
    /// first seven characters, much cheaper per row than two strftime calls when grouping 100,000 rows.
    /// </summary>
    public static string YearMonth(DateTime utc) =>
        throw new InvalidOperationException($"{nameof(YearMonth)} runs only inside a database query.");
}
