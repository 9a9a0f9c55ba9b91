using Dashboard.Host;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `backup FILE` and `restore FILE` on the command line. They read the same configuration as the app
/// (appsettings, environment, switches), so they find the same database, but start no web host.
/// </summary>
public static class DatabaseCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    public static int Run(string[] args, TextWriter output)
    {
        if (args is not [var verb, var file, ..] || file.StartsWith("--", StringComparison.Ordinal))
        {
            output.WriteLine($"Usage: dotnet run --project Dashboard -- {args[0]} FILE");
            return 2;
        }
        var database = DatabaseSettings.ForCommandLine(args[2..]);
        if (database.IsPostgreSql)
        {
            output.WriteLine($"{verb} copies a SQLite file; on PostgreSQL use pg_dump and pg_restore.");
            return 2;
        }
        var connectionString = database.ConnectionString;
        var path = Path.GetFullPath(file);
        var result = verb == "backup" ? SqliteBackup.Backup(connectionString, path) : SqliteBackup.Restore(connectionString, path);
        output.WriteLine(result.Message);
        return result.Succeeded ? 0 : 1;
    }
}
