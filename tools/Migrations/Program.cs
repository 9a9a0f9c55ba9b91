// Scaffolds an EF Core migration into Dashboard.Data/Migrations, as `dotnet ef migrations add` would.
// It exists because the dotnet-ef tool is not on every package feed; usage is in the README.
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;

if (args is not ["add", var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Migrations -- add <MigrationName>");
    return 2;
}

var dataProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../Dashboard.Data"));
var options = new DbContextOptionsBuilder<IncidentBoardDbContext>().UseSqlite("Data Source=:memory:").Options;
await using var db = new IncidentBoardDbContext(options);

var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
new SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
await using var provider = services.BuildServiceProvider();

var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, "Dashboard.Data", "Migrations", "C#");
var files = scaffolder.Save(dataProject, migration, Path.Combine(dataProject, "Migrations"));
Console.WriteLine($"wrote {files.MigrationFile}\n      {files.MetadataFile}\n      {files.SnapshotFile}");
return 0;
