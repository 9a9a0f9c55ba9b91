using Bunit;
using Microsoft.AspNetCore.Components;
using Dashboard.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// bUnit context with MudBlazor's services and the app's own data registrations over a seeded
/// SQLite database. MudBlazor's services are only async-disposable, hence IAsyncLifetime.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = default!;

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        TestServices.Register(Services, Database);
        Services.AddScoped<BrowserInterop>();
        // The layout cascades the signed-in user; components under test get an owner.
        Services.AddCascadingValue(_ => new CurrentUser(TestServices.Owner with { UserId = "test-owner" }));
        Services.AddSingleton<MarkdownRenderer>();
        await Services.GetRequiredService<Seeder>().RunAsync(RepoPaths.SeedData);
        // As in the circuit (the browser and app-host tests cover the prerendered HTML); set once every service is registered.
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
