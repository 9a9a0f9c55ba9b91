

namespace Dashboard.Host.CommandLine;

/// <summary>
/// The verbs that run and exit without starting the web server (backup, restore, migrate,
/// migrate-data, healthcheck, users, api-keys, changes, status-pages export), so an operator, a container
/// health check or a
/// Kubernetes Job can run them against the same settings.
/// </summary>
public static class Verbs
{
    public static bool IsCommand(string[] args) =>
        DatabaseCommands.IsCommand(args) || HealthCheckCommand.IsCommand(args) || MigrateCommand.IsCommand(args) || MigrateDataCommand.IsCommand(args)
        || UsersCommandLine.IsCommand(args) || ApiKeysCommandLine.IsCommand(args) || ChangesCommandLine.IsCommand(args) || StatusPagesCommandLine.IsCommand(args);

    public static async Task<int> RunAsync(string[] args)
    {
        if (DatabaseCommands.IsCommand(args)) return DatabaseCommands.Run(args, Console.Out);
        if (HealthCheckCommand.IsCommand(args)) return await HealthCheckCommand.RunAsync(args, Console.Out);
        if (MigrateCommand.IsCommand(args)) return await MigrateCommand.RunAsync(args, Console.Out, Console.Error);
        if (MigrateDataCommand.IsCommand(args)) return await MigrateDataCommand.RunAsync(args, Console.Out, Console.Error);
        if (UsersCommandLine.IsCommand(args)) return await UsersCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
        if (ChangesCommandLine.IsCommand(args)) return await ChangesCommandLine.RunAsync(args, Console.Out, Console.Error);
        if (StatusPagesCommandLine.IsCommand(args)) return await StatusPagesCommandLine.RunAsync(args, Console.Out, Console.Error);
        return await ApiKeysCommandLine.RunAsync(args, Console.Out, Console.Error);
    }
}
