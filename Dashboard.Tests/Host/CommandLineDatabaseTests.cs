using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Host.CommandLine;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Host;

/// <summary>Every command-line verb opens the database the app would open with the same settings, on PostgreSQL too.</summary>
public sealed class CommandLineDatabaseTests : IAsyncLifetime
{
    private CliDatabase _db = default!;

    public async Task InitializeAsync() => _db = await CliDatabase.CreateAsync(DatabaseProvider.PostgreSQL);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_user_added_on_the_command_line_is_in_the_PostgreSQL_database_the_app_reads()
    {
        var error = new StringWriter();
        // "--Key value", the other form the app's own command line accepts.
        string[] settings = [$"--{DatabaseOptions.ProviderSetting}", "PostgreSQL", "--ConnectionStrings:IncidentBoard", _db.Options.ConnectionString];
        var code = await UsersCommandLine.RunAsync(["users", "add", "ana@example.com", "--role", "admin", .. settings],
            new StringReader("a long enough password\n"), new StringWriter(), error);

        Assert.True(code == 0, error.ToString());
        await using var app = new ServiceCollection().AddLogging().AddIncidentBoardData(_db.Options).BuildServiceProvider();
        Assert.Equal("ana@example.com", Assert.Single(await app.GetRequiredService<UserQueries>().ListAsync()).Email);
    }

    [Theory]
    [InlineData("backup", "on PostgreSQL use pg_dump and pg_restore")]
    [InlineData("restore", "on PostgreSQL use pg_dump and pg_restore")]
    public void Backup_and_restore_on_PostgreSQL_say_so_rather_than_read_the_connection_string_as_a_file(string verb, string message)
    {
        var output = new StringWriter();
        var file = Path.Combine(Path.GetTempPath(), $"ib-never-{Guid.NewGuid():N}.db");

        Assert.Equal(2, DatabaseCommands.Run([verb, file, .. _db.Settings], output));
        Assert.Contains(message, output.ToString());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Migrate_data_knows_the_configured_database_is_already_PostgreSQL()
    {
        var error = new StringWriter();

        var code = await MigrateDataCommand.RunAsync(["migrate-data", "--to", _db.Options.ConnectionString, .. _db.Settings], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("already PostgreSQL", error.ToString());
    }
}
