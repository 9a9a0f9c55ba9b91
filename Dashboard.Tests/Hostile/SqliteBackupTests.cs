using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Host;
using Dashboard.Host.CommandLine;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Hostile;

/// <summary>The app's SQLite settings, and backup and restore through the command-line verbs.</summary>
public sealed class SqliteBackupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ib-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static long Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static int Cli(params string[] args)
    {
        using var output = new StringWriter();
        var code = DatabaseCommands.Run(args, output);
        LastOutput = output.ToString();
        return code;
    }

    private static string LastOutput { get; set; } = "";

    [Fact]
    public async Task Every_connection_the_app_opens_has_wal_foreign_keys_busy_timeout_and_normal_sync()
    {
        await using var app = new AppFactory();
        var factory = app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        string Pragma(string name)
        {
            using var c = connection.CreateCommand();
            c.CommandText = $"PRAGMA {name};";
            return Convert.ToString(c.ExecuteScalar())!;
        }

        Assert.Equal("wal", Pragma("journal_mode"));
        Assert.Equal("1", Pragma("foreign_keys"));
        Assert.Equal("5000", Pragma("busy_timeout"));
        Assert.Equal("1", Pragma("synchronous")); // NORMAL
    }

    [Fact]
    public async Task A_backup_taken_during_concurrent_writes_is_consistent_and_restores_once_the_app_is_stopped()
    {
        var backup = Path.Combine(_dir, "during-writes.db");
        await using var app = new AppFactory();
        var connectionString = $"--ConnectionStrings:IncidentBoard=Data Source={app.DatabasePath}";
        app.Services.GetRequiredService<DatabaseFileLock>(); // the app is up and holds its database
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE WriteProbe (Id INTEGER PRIMARY KEY, Pair INTEGER NOT NULL);");

        // Each transaction writes two rows: a consistent copy can only ever hold pairs.
        using var writing = new CancellationTokenSource();
        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            var factory = app.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>();
            var pairs = 0;
            while (!writing.IsCancellationRequested)
            {
                await using var db = await factory.CreateDbContextAsync();
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlRawAsync("INSERT INTO WriteProbe (Pair) VALUES ({0}), ({0});", pairs);
                await tx.CommitAsync();
                if (++pairs == 50) underWay.SetResult();
            }
            return pairs;
        });
        await underWay.Task; // the writer is under way and goes on during the backup

        var code = Cli("backup", backup, connectionString);
        await writing.CancelAsync();
        var written = await writer;

        Assert.True(code == 0, LastOutput);
        Assert.Null(SqliteBackup.Check(backup));
        Assert.Equal("ok", Convert.ToString(ScalarText(backup, "PRAGMA integrity_check;")));
        var copied = Scalar(backup, "SELECT count(*) FROM WriteProbe");
        Assert.Equal(0, copied % 2);
        Assert.InRange(copied, 100, 2L * written);
        Assert.Equal(0, Scalar(backup, "SELECT count(*) FROM (SELECT Pair FROM WriteProbe GROUP BY Pair HAVING count(*) <> 2)"));
        Assert.Equal(6, Scalar(backup, "SELECT count(*) FROM Incidents")); // the seeded incidents

        // While the app runs, a restore is refused and leaves the database alone.
        Assert.Equal(1, Cli("restore", backup, connectionString));
        Assert.Contains("is in use: stop the app", LastOutput);

        await app.DisposeAsync(); // the app stops and lets go of the file
        SqliteConnection.ClearAllPools();
        Assert.Equal(0, Cli("restore", backup, connectionString));
        Assert.Equal(copied, Scalar(app.DatabasePath, "SELECT count(*) FROM WriteProbe"));
        Assert.Null(SqliteBackup.Check(app.DatabasePath));
    }

    private static object? ScalarText(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void A_file_that_is_not_an_IncidentBoard_database_is_never_restored()
    {
        var target = Path.Combine(_dir, "target.db");
        var text = Path.Combine(_dir, "notes.db");
        File.WriteAllText(text, "just some text, not a database");
        var other = Path.Combine(_dir, "other.db");
        using (var c = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE Unrelated (x);";
            cmd.ExecuteNonQuery();
        }
        var truncated = Path.Combine(_dir, "truncated.db");
        File.WriteAllBytes(truncated, File.ReadAllBytes(other)[..100]);

        Assert.Equal(1, Cli("restore", text, $"--ConnectionStrings:IncidentBoard=Data Source={target}"));
        Assert.Contains("it is not a SQLite database", LastOutput);
        Assert.Equal(1, Cli("restore", other, $"--ConnectionStrings:IncidentBoard=Data Source={target}"));
        Assert.Contains("not an IncidentBoard one", LastOutput);
        Assert.Equal(1, Cli("restore", truncated, $"--ConnectionStrings:IncidentBoard=Data Source={target}"));
        Assert.Equal(1, Cli("restore", Path.Combine(_dir, "missing.db"), $"--ConnectionStrings:IncidentBoard=Data Source={target}"));
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("new;x.db")]
    [InlineData("new;Mode=Memory.db")]
    [InlineData("new;Cache=Private")] // before the fix this wrote a backup to "new"
    [InlineData("o'brien \"quoted\" = copy.db")]
    public async Task A_backup_lands_exactly_at_the_named_file_and_restores_from_it_whatever_its_characters(string name)
    {
        var database = Path.Combine(_dir, "app.db");
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={database}");
        await using (var db = new IncidentBoardDbContext((DbContextOptions<IncidentBoardDbContext>)options.Apply(new DbContextOptionsBuilder<IncidentBoardDbContext>()).Options))
            await db.Database.MigrateAsync();
        SqliteConnection.ClearAllPools();
        var backup = Path.Combine(_dir, name);
        var setting = $"--ConnectionStrings:IncidentBoard=Data Source={database}";

        Assert.True(Cli("backup", backup, setting) == 0, LastOutput);

        Assert.Equal(["app.db", name], Directory.GetFiles(_dir).Select(Path.GetFileName).Where(f => !f!.StartsWith("app.db-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Null(SqliteBackup.Check(backup));
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        Assert.True(Cli("restore", backup, setting) == 0, LastOutput);
        Assert.Null(SqliteBackup.Check(database));
    }

    [Fact]
    public void A_backup_never_overwrites_a_file_and_needs_a_database_to_copy()
    {
        var existing = Path.Combine(_dir, "existing.db");
        File.WriteAllText(existing, "keep me");

        Assert.Equal(1, Cli("backup", existing, $"--ConnectionStrings:IncidentBoard=Data Source={Path.Combine(_dir, "none.db")}"));
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(2, Cli("backup"));
    }
}
