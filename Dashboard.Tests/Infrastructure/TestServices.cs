using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The app's own data registrations (<see cref="DataServiceCollectionExtensions.AddIncidentBoardData"/>)
/// over a real, migrated database (SQLite, or PostgreSQL on the test run's server), with a fixed clock: tests use the services as the app
/// wires them, not a hand-made copy.
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    public static readonly Actor Owner = Actor.Person("olivia@example.com", Role.Owner);

    private TestServices(TestDatabase database, ServiceProvider provider) => (Database, Provider) = (database, provider);

    public TestDatabase Database { get; }
    public ServiceProvider Provider { get; }

    public static Task<TestServices> CreateAsync(bool seed = true, TimeProvider? clock = null) =>
        CreateAsync(DatabaseProvider.Sqlite, seed, clock);

    public static async Task<TestServices> CreateAsync(DatabaseProvider store, bool seed = true, TimeProvider? clock = null)
    {
        var database = await TestDatabase.CreateAsync(store);
        var services = new ServiceCollection().AddLogging();
        Register(services, database, clock);
        var provider = services.BuildServiceProvider();
        if (seed) await provider.GetRequiredService<Seeder>().RunAsync(RepoPaths.SeedData);
        return new TestServices(database, provider);
    }

    /// <summary>The data layer as the app registers it, pointed at <paramref name="database"/>, with the test's clock.</summary>
    public static IServiceCollection Register(IServiceCollection services, TestDatabase database, TimeProvider? clock = null) =>
        services.AddIncidentBoardData(database.Options).AddSingleton(clock ?? FixedClock.Default);

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    /// <summary>Collects what the door announces to these scopes from now on.</summary>
    public List<Change> Record(params ChangeScope[] scopes)
    {
        var seen = new List<Change>();
        foreach (var scope in scopes) Get<ChangeBus>().Subscribe(scope, Actor.System, c => { lock (seen) seen.Add(c); });
        return seen;
    }

    /// <summary>A user made by the owner (no password change pending), as the actor their pages would be.</summary>
    public Task<Actor> UserAsync(string email, string name, Role role) => UserAsync(Provider, email, name, role);

    /// <summary>The same, on any provider that has the data layer's services.</summary>
    public static async Task<Actor> UserAsync(IServiceProvider services, string email, string name, Role role)
    {
        var created = await services.GetRequiredService<UserCommands>().CreateAsync(Owner,
            new NewUserInput { Email = email, DisplayName = name, Role = role, Password = "a long enough password", MustChangePassword = false });
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Values));
        var id = (await services.GetRequiredService<UserQueries>().ListAsync()).Single(u => u.Email == email).Id;
        return Actor.Person(email, role) with { UserId = id, DisplayName = name };
    }

    public async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).Single();
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
