using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Npgsql;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>
/// The last-owner rule when two owners change each other at the same moment on PostgreSQL, whose
/// transactions run under READ COMMITTED (SQLite's BEGIN IMMEDIATE already makes writers take turns).
/// </summary>
public sealed class LastOwnerRaceTests : IAsyncLifetime
{
    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(DatabaseProvider.PostgreSQL, seed: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_owners_demoting_each_other_at_once_leave_one_owner(bool secondDisablesTheFirst)
    {
        var users = _app.Get<UserCommands>();
        Assert.True((await users.CreateFirstOwnerAsync(new NewUserInput { Email = "olga@example.com", DisplayName = "Olga", Password = "a long enough password" })).Succeeded);
        var olgaId = (await _app.Get<UserQueries>().ListAsync()).Single().Id;
        var olga = Actor.Person("olga@example.com", Role.Owner) with { UserId = olgaId };
        var oscar = await _app.UserAsync("oscar@example.com", "Oscar", Role.Owner);

        // The two changes must overlap: both read the owners before either writes. A transaction of the
        // test's own holds every account row, so each change gets past its reads and then waits, for
        // that row (or, with the owners' lock, for the other change); then the test lets go.
        await using var holder = new NpgsqlConnection(_app.Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var rows = new NpgsqlCommand("""SELECT 1 FROM "AspNetUsers" FOR UPDATE""", holder, hold)) await rows.ExecuteNonQueryAsync();

        var first = users.SetRoleAsync(olga, oscar.UserId!, Role.Viewer);
        var second = secondDisablesTheFirst ? users.SetDisabledAsync(oscar, olgaId, true) : users.SetRoleAsync(oscar, olgaId, Role.Viewer);
        await BothWaitingAsync(_app.Database.ConnectionString);
        await hold.RollbackAsync();
        var results = await Task.WhenAll(first, second);

        Assert.Single(results, r => r.Succeeded);
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(Outcome.Invalid, refused.Outcome);
        Assert.Contains("last owner", string.Join(" ", refused.Errors.Values));
        Assert.Single(await _app.Get<UserQueries>().ListAsync(), u => u.Role == Role.Owner && !u.IsDisabled);
    }

    /// <summary>
    /// Until two sessions on this database wait for a lock. PostgreSQL has no event for that, so
    /// this looks at pg_stat_activity every few milliseconds; it bounds the wait, it retries nothing.
    /// </summary>
    private static async Task BothWaitingAsync(string connectionString)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Its own connection, outside any transaction: within one, pg_stat_activity is read once and kept.
        await using var watcher = new NpgsqlConnection(connectionString);
        await watcher.OpenAsync(timeout.Token);
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watcher);
        while ((long)(await waiting.ExecuteScalarAsync(timeout.Token))! < 2)
            await Task.Delay(10, timeout.Token);
    }
}
