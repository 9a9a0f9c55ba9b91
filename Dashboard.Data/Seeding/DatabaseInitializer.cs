using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Seeding;

/// <summary>Start-up step: apply migrations, then import any seed files not imported yet.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<IncidentBoardDbContext> dbFactory, Seeder seeder, IOptions<SeedOptions> options)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Database.MigrateAsync(ct);
        if (options.Value.Enabled)
            await seeder.RunAsync(ResolveDirectory(options.Value.Directory), ct);
    }

    public static string ResolveDirectory(string directory) =>
        Path.IsPathRooted(directory) ? directory : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, directory));
}
