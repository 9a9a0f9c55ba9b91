using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Infrastructure;

/// <summary>The real app, on a temporary SQLite file, seeded from <see cref="SeedDirectory"/>.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"ib-test-{Guid.NewGuid():N}.db");

    public string SeedDirectory { get; init; } = RepoPaths.SeedData;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:IncidentBoard", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:Directory", SeedDirectory);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
            File.Delete(DatabasePath + suffix);
    }
}
