using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Seeding;

/// <summary>Start-up step (and the `migrate` verb): apply migrations and check them, then import or upgrade the seed files.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<IncidentBoardDbContext> dbFactory, Seeder seeder, IOptions<SeedOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task<SchemaUpgradeReport> InitializeAsync(CancellationToken ct = default)
    {
        SchemaUpgradeReport report;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            report = await SchemaUpgrade.MigrateAsync(db, logger, ct);
        if (options.Value.Enabled)
            await seeder.RunAsync(ResolveDirectory(options.Value.Directory), ct);
        return report;
    }

    public static string ResolveDirectory(string directory) =>
        Path.IsPathRooted(directory) ? directory : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, directory));
}
