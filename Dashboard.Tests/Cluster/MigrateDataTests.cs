using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Data.Seeding;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Host.CommandLine;

namespace Dashboard.Tests.Cluster;

/// <summary>`migrate-data`: the seeded SQLite database moved into an empty PostgreSQL one.</summary>
public sealed class MigrateDataTests : IAsyncLifetime
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ib-move-{Guid.NewGuid():N}.db");
    private string _target = "";

    public async Task InitializeAsync()
    {
        _target = await PostgresServer.CreateEmptyAsync();
        // The seeded database, as a first start leaves it, plus an account (Identity's tables).
        await using var sqlite = Services(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"));
        await using (var db = await sqlite.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        await sqlite.GetRequiredService<Seeder>().RunAsync(RepoPaths.SeedData);
        await sqlite.GetRequiredService<UserCommands>().CreateAsync(TestServices.Owner, new NewUserInput
            { Email = "rita@example.com", DisplayName = "Rita", Role = Dashboard.Data.Kernel.Role.Responder, Password = "a long enough password", MustChangePassword = false });
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
        await PostgresServer.DropAsync(_target);
    }

    private static ServiceProvider Services(DatabaseOptions database) =>
        new ServiceCollection().AddLogging().AddIncidentBoardData(database).AddSingleton<TimeProvider>(FixedClock.Default).BuildServiceProvider();

    private async Task<(int Code, string Out, string Error)> MigrateAsync()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await MigrateDataCommand.RunAsync(["migrate-data", "--to", _target, $"--ConnectionStrings:IncidentBoard=Data Source={_file}"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_seeded_database_moves_whole_with_equal_counts_and_the_same_incident()
    {
        var (code, output, error) = await MigrateAsync();

        Assert.True(code == 0, error + output);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(p => p[0], p => (Source: long.Parse(p[1]), Target: long.Parse(p[2])));
        foreach (var table in new[] { "Incidents", "TimelineEvents", "ServiceImpacts", "RemediationActions", "ActionStatusChanges", "Services", "ServiceDependencies", "AuditEntries", "AspNetUsers", "SeedFiles" })
            Assert.True(rows[table].Source > 0 && rows[table].Source == rows[table].Target, $"{table}: {rows[table]}");
        Assert.All(rows, r => Assert.Equal(r.Value.Source, r.Value.Target));

        // The Cloudflare incident reads the same on both stores: header, phases, sources, timeline.
        await using var sqlite = Services(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"));
        await using var postgres = Services(new DatabaseOptions(DatabaseProvider.PostgreSQL, _target));
        string Json(object? o) => JsonSerializer.Serialize(o);
        var before = await sqlite.GetRequiredService<IncidentQueries>().GetAsync(TestServices.Owner, Cloudflare);
        var after = await postgres.GetRequiredService<IncidentQueries>().GetAsync(TestServices.Owner, Cloudflare);
        Assert.Equal(Json(before), Json(after));
        Assert.Equal(Json(await sqlite.GetRequiredService<TimelineQueries>().GetAsync(TestServices.Owner, before!.Id)),
                     Json(await postgres.GetRequiredService<TimelineQueries>().GetAsync(TestServices.Owner, after!.Id)));

        // Ids were kept, so the sequences were moved past them: a new row gets a fresh id.
        var added = await postgres.GetRequiredService<TimelineCommands>().AddAsync(TestServices.Owner, after.Id, new EventInput { OccurredAt = "12:00", Text = "After the move" });
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
    }

    [Fact]
    public async Task A_target_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        Assert.Equal(0, (await MigrateAsync()).Code);

        var (code, output, error) = await MigrateAsync();

        Assert.Equal(1, code);
        Assert.Contains("The target is not empty", error);
        Assert.Equal("", output);
    }
}
