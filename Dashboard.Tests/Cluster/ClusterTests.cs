using Dashboard.Cluster;
using Dashboard.Data;
using Dashboard.Data.Door;
using Dashboard.Data.Providers;
using Dashboard.Data.Seeding;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Cluster;

/// <summary>Several app instances on one PostgreSQL database: start-up, and changes carried between instances.</summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await PostgresServer.CreateEmptyAsync();

    public async Task DisposeAsync() => await PostgresServer.DropAsync(_database);

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_migrate_and_seed_once()
    {
        await using var a = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        await using var b = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };

        // Services builds and starts each host: Program's migrate, seed and first owner run in both at once.
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

        await using var db = await a.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.Equal(6, await db.Incidents.CountAsync());
        Assert.Equal(7, await db.SeedFiles.CountAsync());
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(6, await db.AuditEntries.CountAsync(e => e.Action == "incident.created"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // One imported every file, the other found each already imported: neither raced into a
        // duplicate it then had to reject (which the Status page would show).
        var reports = new[] { a, b }.Select(app => app.Services.GetRequiredService<SeedReport>().Files).ToList();
        Assert.All(reports, files => Assert.Equal(7, files.Count));
        Assert.Single(reports, files => files.All(f => f.Outcome == SeedOutcome.Imported));
        Assert.Single(reports, files => files.All(f => f.Outcome == SeedOutcome.AlreadyImported));
        // Both serve the seeded data.
        foreach (var app in new[] { a, b })
            Assert.Contains("Cloudflare", await (await app.SignedInClientAsync()).GetStringAsync("/incidents/2025-11-18-cloudflare-bot-management"));
    }

    [Fact]
    public async Task A_change_published_on_one_instance_reaches_subscribers_on_another_that_may_see_it()
    {
        var options = new DatabaseOptions(DatabaseProvider.PostgreSQL, _database);
        var (busA, busB) = (new ChangeBus(), new ChangeBus());
        using var relayA = new PostgresChangeRelay(options, busA, NullLogger<PostgresChangeRelay>.Instance);
        using var relayB = new PostgresChangeRelay(options, busB, NullLogger<PostgresChangeRelay>.Instance);
        await relayA.StartAsync(CancellationToken.None);
        await relayB.StartAsync(CancellationToken.None);
        await Task.WhenAll(relayA.Listening, relayB.Listening);

        var scope = ChangeScope.Incident(42);
        var heardByAdmin = new TaskCompletionSource<Change>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heardByOutsider = new List<Change>();
        var heardOnA = new List<Change>();
        using var admin = busB.Subscribe(scope, Actor.Person("ada@example.com", Role.Admin), c => heardByAdmin.TrySetResult(c));
        using var outsider = busB.Subscribe(scope, Actor.Person("otto@example.com", Role.Viewer) with { UserId = "otto" }, c => { lock (heardByOutsider) heardByOutsider.Add(c); });
        using var local = busA.Subscribe(scope, Actor.System, c => { lock (heardOnA) heardOnA.Add(c); });

        busA.Publish(new Change(scope, "event.create") { Audience = new HashSet<string> { "someone-else" } });

        var change = await heardByAdmin.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(scope, change.Scope);
        Assert.Equal("event.create", change.Action);
        Assert.Equal(["someone-else"], change.Audience!);
        Assert.Empty(heardByOutsider); // a private incident's change reaches only its audience, on every instance
        Assert.Single(heardOnA); // told at once on its own instance

        await relayA.StopAsync(CancellationToken.None);
        await relayB.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_write_on_one_instance_is_seen_by_the_cached_review_on_another()
    {
        await using var a = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        await using var b = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        _ = a.Services;
        var reviews = b.Services.GetRequiredService<Dashboard.Data.Review.ReviewQueries>();
        var before = await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery());
        Assert.Same(before, await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery())); // cached on B
        await b.Services.GetRequiredService<PostgresChangeRelay>().Listening;
        var heardOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var observer = b.Services.GetRequiredService<ChangeBus>().ObserveAll(_ => heardOnB.TrySetResult());

        var created = await a.Services.GetRequiredService<Dashboard.Data.Incidents.IncidentCommands>().CreateAsync(Actor.System,
            new Dashboard.Data.Incidents.IncidentInput { Title = "Disk full on A", Organisation = "Ops", Summary = "Logs filled the disk.", Started = "2025-11-20 10:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(30)); // NOTIFY is asynchronous: B hears of A's write shortly after its commit

        Assert.Equal(before.Incidents + 1, (await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery())).Incidents);
    }
}
