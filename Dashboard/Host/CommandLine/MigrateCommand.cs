using Dashboard.Data;
using Dashboard.Data.Seeding;
using Dashboard.Account;
using Dashboard.Incidents;

namespace Dashboard.Host.CommandLine;

/// <summary>
/// `migrate`: what the app does first at every start (apply the migrations, check them, import or
/// upgrade the seed files), as a step of its own that then exits, so a Kubernetes Job or a deploy
/// script can run it once before new pods start, rather than have every pod race to it. It reads the
/// same configuration as the app (<see cref="DatabaseSettings.ForCommandLine"/>), on SQLite or PostgreSQL,
/// and holds the same start-up lock, so a pod that starts meanwhile waits for it.
/// Exit codes: 0 done, 1 a check failed or a seed file was refused, 2 wrong usage.
/// </summary>
public static class MigrateCommand
{
    public const string Usage = "Usage: dotnet run --project Dashboard -- migrate [--ConnectionStrings:IncidentBoard=…] [--Database:Provider=Sqlite|PostgreSQL] [--Seed:Enabled=false]";

    public static bool IsCommand(string[] args) => args is ["migrate", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var settings = args[1..];
        if (settings.Any(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=')))
        {
            error.WriteLine(Usage);
            return 2;
        }
        var (database, configuration) = DatabaseSettings.ForCommandLineWithConfiguration(settings);
        var services = new ServiceCollection()
            .AddLogging(l => l.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true))
            .AddIncidentBoardData(database)
            .Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        await using var provider = services.BuildServiceProvider();

        SchemaUpgradeReport report;
        await using (await provider.GetRequiredService<StartupLock>().AcquireAsync())
            report = await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        output.WriteLine(report.Applied.Count == 0
            ? "The database schema was up to date; no migration applied."
            : $"Applied {report.Applied.Count} migrations: {string.Join(", ", report.Applied)}.");
        if (report.RowsAfter.Count > 0)
            output.WriteLine($"Checked: {report.RowsAfter.Count} tables hold {report.RowsAfter.Values.Sum()} rows; before: {report.RowsBefore.Values.Sum()}.");
        foreach (var problem in report.Problems) error.WriteLine(problem);
        var seed = provider.GetRequiredService<SeedReport>();
        foreach (var file in seed.Files.Where(f => f.Outcome != SeedOutcome.AlreadyImported))
            (file.Outcome == SeedOutcome.Rejected ? error : output).WriteLine($"seed {file.FileName}: {file.Outcome.ToString().ToLowerInvariant()}, {string.Join("; ", [file.Summary, .. file.Problems])}");
        return report.Succeeded && seed.Rejected.Count == 0 ? 0 : 1;
    }
}
