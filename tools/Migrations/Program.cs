// Scaffolds an EF Core migration, as `dotnet ef migrations add` would, for both providers at once:
// SQLite's into Dashboard.Data/Migrations and PostgreSQL's into Dashboard.Data.PostgreSQL/Migrations.
// It exists because the dotnet-ef tool is not on every package feed; usage is in docs/development.md, "Add a migration".
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

const string Usage = "usage: dotnet run --project tools/Migrations -- add <MigrationName> [--only sqlite|postgresql]";
if (args is not ["add", var name, ..] || name.StartsWith('-'))
{
    Console.Error.WriteLine(Usage);
    return 2;
}
DatabaseProvider[] providers = args[2..] switch
{
    [] => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL],
    ["--only", var one] => [DatabaseOptions.ParseProvider(one)],
    _ => [],
};
if (providers is [])
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
foreach (var provider in providers)
{
    // No connection is opened: scaffolding compares the model with the provider's snapshot only.
    var (project, connectionString) = provider == DatabaseProvider.PostgreSQL
        ? (DatabaseOptions.PostgreSqlMigrationsAssembly, "Host=localhost")
        : ("Dashboard.Data", "Data Source=:memory:");
    var options = new DatabaseOptions(provider, connectionString).Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>());
    await using var db = new IncidentBoardDbContext((DbContextOptions<IncidentBoardDbContext>)options.Options);

    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
    if (provider == DatabaseProvider.PostgreSQL) new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
    else new SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
    await using var design = services.BuildServiceProvider();

    var projectDir = Path.Combine(root, project);
    var scaffolder = design.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, project, "Migrations", "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
    Console.WriteLine($"{provider}: wrote {files.MigrationFile}\n      {files.MetadataFile}\n      {files.SnapshotFile}");
}
return 0;
