using Dashboard.Data.Seeding;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Dashboard.Data.Incidents;
using Dashboard.Host.Cluster;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Cluster;

/// <summary>Several app instances on one PostgreSQL database: start-up, and changes carried between instances.</summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private string _database = "";
    /// <summary>A login of B's own, so a test can keep B from reconnecting while it writes on A.</summary>
    private readonly string _roleOfB = $"ib_test_b_{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _database = await PostgresServer.CreateEmptyAsync();

    public async Task DisposeAsync()
    {
        await PostgresServer.DropAsync(_database);
        await AdminAsync($"DROP ROLE IF EXISTS {_roleOfB}");
    }

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_migrate_and_seed_once()
    {
        await using var a = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        await using var b = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };

        // Services builds and starts each host: Program's migrate, seed and first owner run in both at once.
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

        await using var db = await a.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.Equal(6, await db.Incidents.CountAsync());
        Assert.Equal(8, await db.SeedFiles.CountAsync()); // the catalog, six incidents, the changes
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(6, await db.AuditEntries.CountAsync(e => e.Action == "incident.created"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // One imported every file, the other found each already imported: neither raced into a
        // duplicate it then had to reject (which the Status page would show).
        var reports = new[] { a, b }.Select(app => app.Services.GetRequiredService<SeedReport>().Files).ToList();
        Assert.All(reports, files => Assert.Equal(8, files.Count));
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
        // Listening first: establishing LISTEN moves B's caches on (it catches up with what it may have missed).
        await b.Services.GetRequiredService<PostgresChangeRelay>().Listening;
        var reviews = b.Services.GetRequiredService<Dashboard.Data.Review.ReviewQueries>();
        var before = await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery());
        Assert.Same(before, await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery())); // cached on B
        var heardOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var observer = b.Services.GetRequiredService<ChangeBus>().ObserveAll(_ => heardOnB.TrySetResult());

        var created = await a.Services.GetRequiredService<Dashboard.Data.Incidents.IncidentCommands>().CreateAsync(Actor.System,
            new Dashboard.Data.Incidents.IncidentInput { Title = "Disk full on A", Organisation = "Ops", Summary = "Logs filled the disk.", Started = "2025-11-20 10:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(30)); // NOTIFY is asynchronous: B hears of A's write shortly after its commit

        Assert.Equal(before.Incidents + 1, (await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery())).Incidents);
    }

    [Fact]
    public async Task An_instance_that_lost_its_connection_catches_up_on_reconnect_with_the_changes_it_missed()
    {
        await using var a = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = _database };
        _ = a.Services; // A migrates and seeds, so B only reads and writes rows
        await AdminAsync($"CREATE ROLE {_roleOfB} LOGIN SUPERUSER");
        var asB = new NpgsqlConnectionStringBuilder(_database) { Username = _roleOfB }.ConnectionString;
        await using var b = new AppFactory { Store = DatabaseProvider.PostgreSQL, PostgresConnectionString = asB };
        var relayB = b.Services.GetRequiredService<PostgresChangeRelay>();
        await relayB.Listening;
        var reviews = b.Services.GetRequiredService<Dashboard.Data.Review.ReviewQueries>();
        var before = await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery());
        Assert.Same(before, await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery())); // cached on B
        // An open page on B: it follows the catalog, which A's write does not even touch.
        var pageToldOnB = new TaskCompletionSource<Change>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = b.Services.GetRequiredService<ChangeBus>().Subscribe(ChangeScope.Catalog, Actor.Person("vera@example.com", Role.Viewer) with { UserId = "vera" }, c => pageToldOnB.TrySetResult(c));

        // Cut B off: its listening backend ends, and B cannot log in again until allowed.
        await AdminAsync($"ALTER ROLE {_roleOfB} NOLOGIN");
        Assert.Equal(1L, await AdminAsync("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = @name",
            ("name", relayB.ListenApplicationName)));

        // A writes and notifies while B hears nothing: the notification is gone for good.
        await using var listener = await ListenAsync();
        var created = await a.Services.GetRequiredService<Dashboard.Data.Incidents.IncidentCommands>().CreateAsync(Actor.System,
            new Dashboard.Data.Incidents.IncidentInput { Title = "Written while B was cut off", Organisation = "Ops", Summary = "B missed this.", Started = "2025-11-20 10:00" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        await NextNotificationFromAsync(listener, a.Services.GetRequiredService<PostgresChangeRelay>().InstanceId);
        Assert.False(pageToldOnB.Task.IsCompleted);

        await AdminAsync($"ALTER ROLE {_roleOfB} LOGIN");
        var told = await pageToldOnB.Task.WaitAsync(TimeSpan.FromSeconds(30)); // B reconnects (it retries each second) and catches up

        Assert.Equal("relay.resynchronised", told.Action);
        Assert.Equal(before.Incidents + 1, (await reviews.GetAsync(Actor.System, new Dashboard.Data.Review.ReviewQuery())).Incidents);
    }

    [Fact]
    public async Task A_change_whose_notification_failed_is_sent_after_the_reconnect_and_in_order()
    {
        var options = new DatabaseOptions(DatabaseProvider.PostgreSQL, _database);
        var (busA, busB) = (new ChangeBus(), new ChangeBus());
        using var relayA = new PostgresChangeRelay(options, busA, NullLogger<PostgresChangeRelay>.Instance);
        using var relayB = new PostgresChangeRelay(options, busB, NullLogger<PostgresChangeRelay>.Instance);
        await relayA.StartAsync(CancellationToken.None);
        await relayB.StartAsync(CancellationToken.None);
        await Task.WhenAll(relayA.Listening, relayB.Listening);
        var heardOnB = new List<string>();
        var allHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var view = busB.Subscribe(ChangeScope.Catalog, Actor.System, c =>
        {
            lock (heardOnB)
            {
                heardOnB.Add(c.Action);
                if (heardOnB.Count == 1) firstHeard.TrySetResult();
                if (heardOnB.Count == 3) allHeard.TrySetResult();
            }
        });
        busA.Publish(new Change(ChangeScope.Catalog, "service.created"));
        await firstHeard.Task.WaitAsync(TimeSpan.FromSeconds(30)); // A's sending connection is up

        // The sending connection dies: A's next NOTIFY fails on it.
        Assert.Equal(1L, await AdminAsync("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = @name",
            ("name", relayA.NotifyApplicationName)));
        busA.Publish(new Change(ChangeScope.Catalog, "service.updated"));
        busA.Publish(new Change(ChangeScope.Catalog, "service.archived"));

        await allHeard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["service.created", "service.updated", "service.archived"], heardOnB);

        await relayA.StopAsync(CancellationToken.None);
        await relayB.StopAsync(CancellationToken.None);
    }

    private static async Task<object?> AdminAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A connection of the test's own that listens on the relay's channel, to see what was sent.</summary>
    private async Task<NpgsqlConnection> ListenAsync()
    {
        var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand($"LISTEN {PostgresChangeRelay.Channel}", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits for a notification sent by the instance <paramref name="sender"/>.</summary>
    private static async Task NextNotificationFromAsync(NpgsqlConnection listener, Guid sender)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) => { if (e.Payload.Contains(sender.ToString())) sent.TrySetResult(); };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!sent.Task.IsCompleted) await listener.WaitAsync(timeout.Token);
    }
}
