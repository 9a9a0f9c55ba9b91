namespace Dashboard.Data.Store;

/// <summary>Functions used in queries; each provider translates them (<see cref="ProviderSql"/>).</summary>
public static class SqlFunctions
{
    /// <summary>"2025-11" for a stored UTC time. On SQLite the first seven characters of the ISO
    /// text, much cheaper per row than two strftime calls when grouping 100,000 rows.</summary>
    public static string YearMonth(DateTime utc) => throw Outside(nameof(YearMonth));

    /// <summary>Case-insensitive LIKE with a <see cref="LikePattern"/> (escape <see cref="LikePattern.Escape"/>):
    /// SQLite's LIKE ignores case already, PostgreSQL's does not.</summary>
    public static bool Like(string? value, string pattern) => throw Outside(nameof(Like));

    /// <summary>The text case-folded for ordering, so "Amazon …" and "AWS …" sort as people read them.</summary>
    public static string Caseless(string text) => throw Outside(nameof(Caseless));

    private static InvalidOperationException Outside(string name) => new($"{name} runs only inside a database query.");
}
