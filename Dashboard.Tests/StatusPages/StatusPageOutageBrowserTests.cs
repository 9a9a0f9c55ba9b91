using Dashboard.Data.StatusPages;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.StatusPages;

/// <summary>
/// What a visitor's browser shows over a page's day, on an app of its own (PostgreSQL, whose database
/// the test can take away, and the app's clock in the test's hand): a maintenance moving by the clock
/// alone, then an incident, then the same page with the database down.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusPageOutageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_sees_maintenance_move_by_the_clock_and_the_last_state_with_its_time_while_the_database_is_down()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var factory = new PostgresAppFactory();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = AppFactory.ListeningUrl(app.Services);
        var services = app.Services;
        Assert.True((await services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page())).Succeeded);
        var start = clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        Assert.True((await services.GetRequiredService<MaintenanceCommands>().ScheduleAsync(TestServices.Owner, "public", new MaintenanceInput
        {
            Title = "Access upgrade", Body = "Sign-ins may be slow.", Components = ["cf-access"], VerifyMinutes = 15,
            ScheduledFor = start.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ScheduledUntil = start.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        })).Succeeded);
        var snapshots = services.GetRequiredService<StatusSnapshots>();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("pages/public");

        // The clock alone moves it (the app rebuilds the page each minute; the test does it at once).
        foreach (var (minutes, state, access) in new[] { (0, "Scheduled", "Operational"), (35, "In progress", "Under maintenance"), (60, "Verifying", "Under maintenance"), (15, null, "Operational") })
        {
            clock.Advance(TimeSpan.FromMinutes(minutes));
            Assert.True(await snapshots.RebuildAsync());
            await visitor.ReloadAsync(); // as a visitor would: the page may be kept 10 s (max-age), a reload asks again
            if (state is null) await Expect(visitor.Locator("[data-testid=maintenance]")).ToHaveCountAsync(0); // completed: off the page
            else await Expect(visitor.Locator("[data-testid=maintenance]")).ToContainTextAsync(state);
            await Expect(visitor.Locator("[data-testid=component]", new() { HasText = "Public access" })).ToContainTextAsync(access);
            if (state == "In progress") await visitor.ScreenshotAsync("status-maintenance-in-progress");
        }

        var incident = await services.IncidentAsync("Down test");
        await services.PublishedAsync(incident, StatusPageRig.Update());
        Assert.True(await snapshots.RebuildAsync());
        await visitor.ReloadAsync();
        var updated = await visitor.Locator("[data-testid=overall]").TextContentAsync() ?? "";

        await PostgresAppFactory.StopDatabaseAsync(services);
        try
        {
            Assert.False(await snapshots.RebuildAsync());
            var answer = await visitor.ReloadAsync();
            Assert.Equal(200, answer!.Status);
            await Expect(visitor.Locator("[data-testid=public-incident]")).ToContainTextAsync("Elevated errors on the key-value store");
            await Expect(visitor.Locator("[data-testid=overall]")).ToHaveTextAsync(updated); // "Last updated at …" of the last good build
            Assert.Contains("Last updated at", updated);
            await visitor.ScreenshotAsync("status-database-down");
        }
        finally
        {
            await PostgresAppFactory.StartDatabaseAsync(services);
        }
    }
}
