using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;
using Dashboard.Data.Webhooks;
using Dashboard.Tests.Infrastructure;
using Dashboard.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// The app's data services and webhook delivery, as the app registers them, over one real database
/// (SQLite unless asked for PostgreSQL). <see cref="RestartAsync"/> throws the services away and builds new ones on the same
/// database: a process that died and came back.
/// </summary>
public sealed class WebhookRig : IAsyncDisposable
{
    public static readonly Actor Owner = TestServices.Owner;

    private readonly bool _allowPrivate;
    private ServiceProvider _provider;

    private WebhookRig(TestDatabase database, TimeProvider clock, bool allowPrivate)
    {
        Database = database;
        Clock = clock;
        _allowPrivate = allowPrivate;
        _provider = Build();
    }

    public TestDatabase Database { get; }
    public TimeProvider Clock { get; }

    public static async Task<WebhookRig> CreateAsync(TimeProvider clock, bool allowPrivate = true, DatabaseProvider store = DatabaseProvider.Sqlite) =>
        new(await TestDatabase.CreateAsync(store), clock, allowPrivate);

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateNetworks"] = _allowPrivate ? "true" : "false",
            ["Webhooks:Timeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        TestServices.Register(services, Database, Clock);
        services.AddWebhookDelivery(configuration);
        return services.BuildServiceProvider();
    }

    public async Task RestartAsync()
    {
        await _provider.DisposeAsync();
        _provider = Build();
    }

    public Task<(int Id, string Secret)> EndpointAsync(string url, params string[] types) => EndpointAsync(url, includePrivate: false, types);

    public async Task<(int Id, string Secret)> EndpointAsync(string url, bool includePrivate, params string[] types)
    {
        var (result, secret) = await Get<WebhookCommands>().CreateAsync(Owner, new WebhookInput(url, types, includePrivate));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return (result.Id!.Value, secret!);
    }

    /// <summary>A person with an account, as the actor their pages would be.</summary>
    public Task<Actor> UserAsync(string email, string name, Role role) => TestServices.UserAsync(_provider, email, name, role);

    public async Task<int> IncidentAsync(string title = "Checkout errors", Actor? by = null, bool isPrivate = false)
    {
        var result = await Get<IncidentCommands>().CreateAsync(by ?? Owner, new IncidentInput
        {
            Title = title, Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00", IsPrivate = isPrivate,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    public async Task<int> EventAsync(int incidentId, string text = "Paged the payments team", Actor? by = null)
    {
        var result = await Get<TimelineCommands>().AddAsync(by ?? Owner, incidentId, new EventInput { OccurredAt = "2026-11-30 10:05", Text = text });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    public List<WebhookDelivery> Deliveries()
    {
        using var db = Database.CreateDbContext();
        return [.. db.WebhookDeliveries.OrderBy(d => d.Id)];
    }

    public WebhookEndpoint Endpoint(int id)
    {
        using var db = Database.CreateDbContext();
        return db.WebhookEndpoints.Single(e => e.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
