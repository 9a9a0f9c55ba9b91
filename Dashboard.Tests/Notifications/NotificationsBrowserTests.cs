using Dashboard.Data.Identity;
using Dashboard.Data.Incidents;
using Dashboard.Data.Notifications;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Notifications;

/// <summary>The bell and the notification settings, driven through the pages of the shared browser app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);

    [Fact]
    public async Task The_bell_counts_a_role_given_in_another_browser_and_notification_settings_are_kept()
    {
        const string Name = "Bea Bell";
        var created = await browser.Services.GetRequiredService<UserCommands>().CreateAsync(Owner, new NewUserInput
        {
            Email = "bea.bell@example.com", DisplayName = Name, Role = Role.Responder, Password = "a long enough password", MustChangePassword = false,
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        var incidents = browser.Services.GetRequiredService<IncidentCommands>();
        var incident = await incidents.CreateAsync(Owner, new IncidentInput
        {
            Title = "Bell test: search timeouts", Organisation = "Example Corp", Summary = "Made by a browser test.", Started = "2019-03-01 08:00",
        });
        Assert.True(incident.Succeeded, string.Join("; ", incident.Errors.Values));
        try
        {
            var bea = await browser.NewPageAsync(state: await browser.SignInStateAsync("bea.bell@example.com", "a long enough password"));
            await bea.OpenAsync("my-work");
            await Expect(bea.Locator("[data-testid=notification-count]")).ToHaveTextAsync("0");

            // The owner, in a browser of their own, makes Bea the commander.
            var owner = await browser.NewPageAsync();
            await owner.OpenAsync($"incidents/{incident.Key}");
            await owner.Locator("[data-testid=role-Commander]").ClickAsync();
            await owner.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = Name }).ClickAsync();
            await Expect(owner.Locator("[data-testid=commander]")).ToContainTextAsync($"Commander: {Name}");

            // Bea's open page counts it without a reload, and the list shows it.
            await Expect(bea.Locator("[data-testid=notification-count]")).ToHaveTextAsync("1");
            await Expect(bea.Locator("[data-testid=notification-bell]")).ToHaveAttributeAsync("aria-label", "Notifications, 1 unread");
            await bea.ScreenshotAsync("notification-bell");
            await bea.Locator("[data-testid=notification-bell]").ClickAsync();
            await Expect(bea.Locator("[data-testid=notification-list]")).ToContainTextAsync("You were made incident commander of the incident “Bell test: search timeouts”");
            await bea.Locator("[data-testid=mark-all-read]").ClickAsync();
            await Expect(bea.Locator("[data-testid=notification-count]")).ToHaveTextAsync("0");

            // Settings: no email for assignments, quiet hours 22:00–07:00; kept after a fresh load.
            await bea.OpenAsync("account/notifications");
            var email = bea.Locator("input[data-testid=email-ActionAssigned], [data-testid=email-ActionAssigned] input");
            await Expect(email).ToBeCheckedAsync();
            await email.ClickAsync();
            await bea.Locator("textarea[data-testid=teams], [data-testid=teams] textarea").FillAsync("Search");
            // The digest: daily instead of weekly.
            await bea.Locator("[data-testid=digest-frequency]").First.ClickAsync();
            await bea.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Daily" }).ClickAsync();
            await bea.Locator("[data-testid=save-notification-settings]").ClickAsync();
            await Expect(bea.GetByText("Notification settings saved.")).ToBeVisibleAsync();
            await bea.ScreenshotAsync("notification-settings");
            await bea.SetViewportSizeAsync(390, 844);
            await bea.ScreenshotAsync("notification-settings-390");

            await bea.OpenAsync("account/notifications");
            await Expect(bea.Locator("input[data-testid=email-ActionAssigned], [data-testid=email-ActionAssigned] input")).Not.ToBeCheckedAsync();
            await Expect(bea.Locator("input[data-testid=email-ReviewRequested], [data-testid=email-ReviewRequested] input")).ToBeCheckedAsync();
            await Expect(bea.Locator("textarea[data-testid=teams], [data-testid=teams] textarea")).ToHaveValueAsync("Search");
            var beaId = (await browser.Services.GetRequiredService<UserQueries>().ListAsync()).Single(u => u.Email == "bea.bell@example.com").Id;
            var kept = await browser.Services.GetRequiredService<NotificationQueries>().SettingsAsync(Actor.Person("bea.bell@example.com", Role.Responder) with { UserId = beaId });
            Assert.Equal(DigestFrequency.Daily, kept.DigestFrequency);
        }
        finally
        {
            var detail = await browser.Services.GetRequiredService<IncidentQueries>().GetAsync(Actor.System, incident.Key!);
            if (detail is not null) await incidents.DeleteAsync(Actor.System, detail.Id, detail.Version);
        }
    }
}
