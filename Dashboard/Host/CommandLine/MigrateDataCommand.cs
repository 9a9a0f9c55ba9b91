using Dashboard.Host;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `migrate-data --to "&lt;PostgreSQL connection string&gt;"`: copies the configured SQLite database
/// (the same one the app would open) into an empty PostgreSQL database, and prints the row counts
/// per table, source against target. Afterwards set Database:Provider to PostgreSQL and the
/// connection string to the target.
/// </summary>
public static class MigrateDataCommand
{
    public static bool IsCommand(string[] args) => args is ["migrate-data", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [_, "--to", var target, .. var rest] || string.IsNullOrWhiteSpace(target))
        {
            error.WriteLine("Usage: dotnet run --project Dashboard -- migrate-data --to \"Host=…;Database=…;Username=…;Password=…\"");
            return 2;
        }
        var source = DatabaseSettings.ForCommandLine(rest);
        if (source.IsPostgreSql)
        {
            error.WriteLine("migrate-data copies from SQLite: the configured database is already PostgreSQL.");
            return 2;
        }
        var result = await DataCopy.CopyAsync(source.ConnectionString, target);
        if (result.Tables.Count > 0)
        {
            var width = Math.Max(5, result.Tables.Max(t => t.Table.Length));
            output.WriteLine($"{"table".PadRight(width)}  {"source",8}  {"target",8}");
            foreach (var t in result.Tables)
                output.WriteLine($"{t.Table.PadRight(width)}  {t.Source,8}  {t.Target,8}{(t.Source == t.Target ? "" : "  differs")}");
        }
        (result.Succeeded ? output : error).WriteLine(result.Message);
        return result.Succeeded ? 0 : 1;
    }
}
