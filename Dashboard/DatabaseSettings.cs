using Dashboard.Data.Providers;

namespace Dashboard;

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
}
