namespace Dashboard.Host;

/// <summary>Which database the app and its command-line verbs use: <c>Database:Provider</c> and <c>ConnectionStrings:IncidentBoard</c>.</summary>
public static class DatabaseSettings
{
    public static DatabaseOptions Read(IConfiguration configuration, string contentRoot)
    {
        var provider = DatabaseOptions.ParseProvider(configuration[DatabaseOptions.ProviderSetting]);
        var connectionString = configuration.GetConnectionString("IncidentBoard")
            ?? throw new InvalidOperationException("ConnectionStrings:IncidentBoard is not set.");
        return new DatabaseOptions(provider, provider == DatabaseProvider.Sqlite ? SqliteFile.Anchor(connectionString, contentRoot) : connectionString);
    }

    /// <summary>
    /// The database of a command-line verb (users, api-keys, backup, restore, migrate-data): the one the
    /// app would open with the same <paramref name="settings"/>, read from the same sources as the app
    /// (appsettings.json and appsettings.{Environment}.json, environment variables such as
    /// Database__Provider, then the --Key=value switches) through <see cref="Read"/>. Every verb comes
    /// here, so none can open another database, or the right one with the wrong provider.
    /// </summary>
    public static DatabaseOptions ForCommandLine(string[] settings) => ForCommandLineWithConfiguration(settings).Database;

    /// <summary>The same, with the rest of the configuration, for a verb that needs more than the database (migrate: the seed folder, log levels).</summary>
    public static (DatabaseOptions Database, IConfiguration Configuration) ForCommandLineWithConfiguration(string[] settings)
    {
        var builder = WebApplication.CreateBuilder(settings);
        return (Read(builder.Configuration, builder.Environment.ContentRootPath), builder.Configuration);
    }
}
