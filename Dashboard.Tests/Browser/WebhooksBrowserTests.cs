using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Dashboard.Data.Webhooks;
using Dashboard.Api;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WebhooksBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);

    private Dashboard.Data.Webhooks.WebhookQueries Queries => browser.Services.GetRequiredService<Dashboard.Data.Webhooks.WebhookQueries>();

    /// <summary>Waits for the background worker (not for the page): the condition is read from the database.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The delivery worker did not get to it in 20 s.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_admin_registers_an_endpoint_sees_its_secret_once_and_its_signed_deliveries_in_the_log()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await browser.NewPageAsync();
        await page.OpenAsync("admin/webhooks");
        await page.Locator("[data-testid=add-webhook]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=webhook-url]").FillAsync("not a url");
        await dialog.Locator("[data-testid=webhook-save]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Enter an absolute http:// or https:// URL.");
        await dialog.Locator("input[data-testid=webhook-url]").FillAsync(receiver.Url);
        await dialog.GetByLabel("timeline_event.created").CheckAsync();
        await page.ScreenshotAsync("webhooks-register");
        await dialog.Locator("[data-testid=webhook-save]").ClickAsync();

        var secretBox = page.Locator("[data-testid=webhook-secret]");
        await Expect(secretBox).ToContainTextAsync("shown only once");
        receiver.Secret = await secretBox.Locator("input").InputValueAsync();
        Assert.StartsWith("whsec_", receiver.Secret);

        var created = await browser.Services.GetRequiredService<IncidentCommands>().CreateAsync(Owner, new IncidentInput
        {
            Title = "Webhook delivery check", Organisation = "Shop", Summary = "Sent to a receiver.", Started = "2026-11-30 10:00",
        });
        Assert.True(created.Succeeded);
        try
        {
            var row = page.Locator("[data-testid=webhooks-table] tr", new() { HasTextString = receiver.Url });
            await row.Locator("[data-testid=webhook-log]").ClickAsync();
            var log = page.Locator("[data-testid=delivery-log]");
            // The worker delivers within a poll or two; the log is read on demand, so refresh once it has.
            var endpointId = (await Queries.ListAsync(Owner)).Single(e => e.Url == receiver.Url).Id;
            await UntilAsync(async () => (await Queries.LogAsync(Owner, endpointId)).Any(d => d.Status == Dashboard.Data.Webhooks.DeliveryStatus.Delivered));
            await log.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Expect(log.Locator("[data-testid=delivery-status]").First).ToContainTextAsync("delivered");
            await Expect(log.Locator("tr", new() { HasTextString = "incident.created" })).ToContainTextAsync("204");
            Assert.Contains(receiver.Received, h => h.Verified && h.Body.Contains("Webhook delivery check"));

            receiver.Answer = (_, _) => Task.FromResult(500);
            await log.Locator("[data-testid=redeliver]").First.ClickAsync();
            await Expect(page.GetByText("incident.created queued again.")).ToBeVisibleAsync();
            await UntilAsync(async () => (await Queries.LogAsync(Owner, endpointId)).Any(d => d.LastResponseCode == 500));
            await log.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Expect(log.Locator("tr", new() { HasTextString = "500" })).ToHaveCountAsync(1);
            await Expect(log.Locator("tr", new() { HasTextString = "500" })).ToContainTextAsync("next try");
            await page.ScreenshotAsync("webhooks-desktop");

            var phone = await browser.NewPageAsync(width: 390, height: 844);
            await phone.OpenAsync("admin/webhooks");
            await phone.Locator("[data-testid=webhooks-table] tr", new() { HasTextString = receiver.Url }).Locator("[data-testid=webhook-log]").ClickAsync();
            await Expect(phone.Locator("[data-testid=delivery-table]")).ToBeVisibleAsync();
            await phone.ScreenshotAsync("webhooks-phone");
            Assert.False(await phone.ScrollsSidewaysAsync());

            // Private incidents: not sent until an admin says so, after a warning; the switch is audited.
            await Expect(row.Locator("[data-testid=webhook-private]")).ToContainTextAsync("not sent");
            await row.Locator("[data-testid=webhook-toggle-private]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog, new() { Name = "Send private incidents" }).GetByRole(AriaRole.Button, new() { Name = "Send private incidents" }).ClickAsync();
            await Expect(row.Locator("[data-testid=webhook-private]")).ToContainTextAsync("included");
            Assert.True((await Queries.ListAsync(Owner)).Single(e => e.Url == receiver.Url).IncludePrivate);

            await row.Locator("[data-testid=webhook-toggle]").ClickAsync();
            await Expect(row.Locator("[data-testid=webhook-state]")).ToContainTextAsync("Disabled by");
            await row.Locator("[data-testid=webhook-delete]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog, new() { Name = "Delete endpoint" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(page.Locator("[data-testid=webhooks-table] tr", new() { HasTextString = receiver.Url })).ToHaveCountAsync(0);
        }
        finally
        {
            var version = (await browser.Services.GetRequiredService<IncidentQueries>().GetAsync(Owner, created.Key!))!.Version;
            await browser.Services.GetRequiredService<IncidentCommands>().DeleteAsync(Owner, created.Id!.Value, version);
        }
    }

    [Fact]
    public async Task A_responder_cannot_open_the_webhooks_page_nor_sees_it_in_the_menu()
    {
        var created = await browser.Services.GetRequiredService<Dashboard.Data.Identity.UserCommands>().CreateAsync(Owner, new Dashboard.Data.Identity.NewUserInput
        {
            Email = "wanda.responder@example.com", DisplayName = "Wanda", Role = Role.Responder, Password = "wanda's long password", MustChangePassword = false,
        });
        Assert.True(created.Succeeded);
        var page = await browser.NewPageAsync(state: await browser.SignInStateAsync("wanda.responder@example.com", "wanda's long password"));
        await page.GotoAsync("admin/webhooks");
        await Expect(page.GetByText("Your role does not open this page.")).ToBeVisibleAsync();
        await page.OpenAsync("incidents");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" })).ToHaveCountAsync(0);
    }
}
