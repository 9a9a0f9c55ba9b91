using Microsoft.Data.Sqlite;

namespace Dashboard.Host;

public static class SqliteFile
{
    /// <summary>
    /// Resolves a relative database file against the content root (the Dashboard folder), so the
    /// database lives in one predictable place whatever folder the app was started from.
    /// </summary>
    public static string Anchor(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is "" or ":memory:" || csb.Mode == SqliteOpenMode.Memory || Path.IsPathRooted(csb.DataSource))
            return connectionString;
        csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        return csb.ToString();
    }
}
