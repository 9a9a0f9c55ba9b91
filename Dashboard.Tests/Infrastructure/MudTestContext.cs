using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Seeding;
using Dashboard.Data.Incidents;
using Dashboard.Data.Actions;
using Dashboard.Data.Catalog;
using Dashboard.Data.Impact;
using Dashboard.Data.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// bUnit context with MudBlazor's services and the app's real services over a seeded SQLite
/// database. MudBlazor's services are only async-disposable, hence IAsyncLifetime.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = default!;
    protected TimelineNotifier Notifier { get; } = new();

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var report = new SeedReport();
        await new Seeder(Database, report, FixedClock.Default, NullLogger<Seeder>.Instance).RunAsync(RepoPaths.SeedData);
        Services.AddSingleton(report);
        Services.AddSingleton(new IncidentQueries(Database));
        Services.AddSingleton(new IncidentCommands(Database, FixedClock.Default));
        Services.AddSingleton(new ActionQueries(Database, FixedClock.Default));
        Services.AddSingleton(new ActionCommands(Database, FixedClock.Default));
        var timelineQueries = new TimelineQueries(Database);
        Services.AddSingleton(Notifier);
        Services.AddSingleton(timelineQueries);
        Services.AddSingleton(new TimelineCommands(Database, timelineQueries, Notifier));
        var postmortems = new PostmortemQueries(Database, timelineQueries);
        Services.AddSingleton(postmortems);
        Services.AddSingleton(new PostmortemCommands(Database, postmortems, FixedClock.Default));
        Services.AddSingleton(new PostmortemFiles(Database, FixedClock.Default));
        Services.AddSingleton<TimeProvider>(FixedClock.Default);
        Services.AddSingleton(new ServiceCatalogQueries(Database, FixedClock.Default));
        Services.AddSingleton(new ServiceCatalogCommands(Database));
        Services.AddSingleton(new ImpactQueries(Database, FixedClock.Default));
        Services.AddSingleton(new ImpactCommands(Database, Notifier, FixedClock.Default));
        Services.AddScoped<BrowserInterop>();
        Services.AddSingleton<MarkdownRenderer>();
        Render<MudPopoverProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
