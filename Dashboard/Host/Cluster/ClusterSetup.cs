using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Host.Cluster;

/// <summary>What lets several instances serve one database: shared data-protection keys, and changes carried between instances.</summary>
public static class ClusterSetup
{
    public static WebApplicationBuilder AddIncidentBoardCluster(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        // Keys in the database, so a cookie or antiforgery token made by one instance is read by all;
        // encrypted there when a key-encryption secret or certificate is configured (KeyProtection).
        builder.Services.AddDataProtection().SetApplicationName("IncidentBoard").PersistKeysToDbContext<IncidentBoardDbContext>()
            .ProtectKeysAtRest(builder.Configuration);
        if (database.IsPostgreSql)
        {
            builder.Services.AddSingleton<PostgresChangeRelay>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeRelay>());
        }
        return builder;
    }
}
