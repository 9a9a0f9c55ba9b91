using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Trackers;
using Dashboard.Tests.Infrastructure;
using Dashboard.Host;
using Dashboard.Trackers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Trackers;

/// <summary>
/// The app's data services and tracker sync (providers, dispatcher), as the app registers them, over
/// one real SQLite database, with a clock the test moves and credentials for one connection.
/// </summary>
public sealed class TrackerRig : IAsyncDisposable
{
    public const string PublicUrl = "https://incidents.example.com";
    public static readonly Actor Owner = TestServices.Owner;

    private readonly ServiceProvider _provider;

    private TrackerRig(TestDatabase database, MovableClock clock, Dictionary<string, string?> settings)
    {
        Database = database;
        Clock = clock;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        TestServices.Register(services, database, clock);
        services.AddTrackers(configuration).AddPublicAddress(configuration);
        _provider = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }
    public MovableClock Clock { get; }

    /// <summary>The person listed among every rig connection's people (email here → id on the tracker).</summary>
    public const string ListedEmail = "ann@example.com";

    /// <summary>
    /// A rig whose connection <paramref name="name"/> has these credentials (and a one-hour retry window);
    /// <see cref="ListedEmail"/> is <paramref name="listedAs"/> on the tracker.
    /// </summary>
    public static async Task<TrackerRig> CreateAsync(string name, string token, string? user = null, string listedAs = "ann-on-the-tracker") =>
        new(await TestDatabase.CreateAsync(), new MovableClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), new()
        {
            [$"Trackers:Credentials:{name}:Token"] = token,
            [$"Trackers:Credentials:{name}:User"] = user,
            [$"Trackers:Credentials:{name}:People:{ListedEmail}"] = listedAs,
            ["PublicUrl"] = PublicUrl,
            ["Trackers:RetryWindow"] = "01:00:00",
        });

    public Task<Actor> UserAsync(string email, string name) => TestServices.UserAsync(_provider, email, name, Role.Responder);

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public Task<int> RunDueAsync() => Get<TrackerDispatcher>().RunDueAsync(CancellationToken.None);

    public async Task<int> ConnectAsync(TrackerConnectionInput input)
    {
        var result = await Get<TrackerCommands>().ConnectAsync(Owner, input);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    /// <summary>An incident and its action; returns the incident's slug and the action's id.</summary>
    public async Task<(string Slug, int Action)> ActionAsync(string title = "Add a canary stage", DateOnly? due = null)
    {
        var incident = await Get<IncidentCommands>().CreateAsync(Owner, new IncidentInput
        {
            Title = "Checkout errors", Organisation = "Shop", Summary = "Payments failing.", Started = "2026-11-30 10:00",
        });
        Assert.True(incident.Succeeded, string.Join("; ", incident.Errors.Values));
        var action = await Get<ActionCommands>().CreateAsync(Owner, incident.Id!.Value,
            new ActionInput { Title = title, Description = "Roll out to 1 % first.", DueDate = due });
        Assert.True(action.Succeeded, string.Join("; ", action.Errors.Values));
        return (incident.Key!, action.Id!.Value);
    }

    public async Task<CommandResult> RequestAsync(int action, int connection) => await Get<TrackerCommands>().RequestIssueAsync(Owner, action, connection);

    public async Task<CommandResult> EditAsync(int action, Action<ActionInput> edit)
    {
        var found = (await Get<ActionQueries>().GetForEditAsync(Owner, action))!.Value;
        edit(found.Input);
        return await Get<ActionCommands>().UpdateAsync(Owner, action, found.Version, found.Input);
    }

    public TrackerIssue Issue(int action)
    {
        using var db = Database.CreateDbContext();
        return db.TrackerIssues.Single(i => i.ActionId == action);
    }

    public List<TrackerCall> Calls()
    {
        using var db = Database.CreateDbContext();
        return [.. db.TrackerCalls.OrderBy(c => c.Id)];
    }

    public RemediationAction Action(int id)
    {
        using var db = Database.CreateDbContext();
        return db.RemediationActions.AsNoTracking().Single(a => a.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
