


namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A test class over the app's data services (<see cref="TestServices"/>): a fresh, migrated database and its
/// service provider per test, seeded unless <paramref name="seed"/> says not, on <paramref name="clock"/>
/// (<see cref="FixedClock.Default"/> when none), disposed after the test. The same tests run again on PostgreSQL
/// in a subclass named "…OnPostgreSql" that overrides <see cref="Store"/>; set-up that needs the services goes in
/// <see cref="SetUpAsync"/>. One place for this, so that every data test class starts the same way.
/// </summary>
public abstract class DataTest(bool seed = true, TimeProvider? clock = null) : IAsyncLifetime
{
    /// <summary>The database these tests run on; the class's "…OnPostgreSql" subclass runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    /// <summary>The services and database of the running test.</summary>
    protected TestServices App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await TestServices.CreateAsync(Store, seed, clock);
        await SetUpAsync();
    }

    /// <summary>The class's own set-up, once <see cref="App"/> is ready.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
