using System.Diagnostics;
using Dashboard.Data.Synthetic;
using Microsoft.EntityFrameworkCore;
using Dashboard.Host.Http;

namespace Dashboard.Benchmarks;

public sealed class BenchDbFactory(DatabaseOptions database) : IDbContextFactory<IncidentBoardDbContext>
{
    public BenchDbFactory(string sqliteConnectionString) : this(new DatabaseOptions(DatabaseProvider.Sqlite, sqliteConnectionString)) { }

    private readonly DbContextOptions<IncidentBoardDbContext> _options =
        (DbContextOptions<IncidentBoardDbContext>)database.Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>()).Options;

    public IncidentBoardDbContext CreateDbContext() => new(_options);
}

public static class BenchDatabase
{
    /// <summary>Creates and fills the database once; later runs reuse the file so they measure queries, not set-up.</summary>
    public static async Task EnsureAsync(IDbContextFactory<IncidentBoardDbContext> factory, string path, SyntheticSize size, int seed)
    {
        if (File.Exists(path))
        {
            Console.WriteLine($"reusing {path}");
            await using var existing = await factory.CreateDbContextAsync();
            await existing.Database.MigrateAsync(); // a newer build may have added indexes
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        await using (var db = await factory.CreateDbContextAsync())
            await db.Database.MigrateAsync();
        var progress = new Progress<int>(n => { if (n % 2_000 == 0) Console.WriteLine($"  {n:N0} incidents written ({clock.Elapsed.TotalSeconds:F0} s)"); });
        await SyntheticDataWriter.WriteAsync(factory, size, seed, progress);
        Console.WriteLine($"built {path} in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
