using Dashboard.Data.StatusPages;
using Dashboard.StatusPages;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.StatusPages;

/// <summary>A status page's life in a real browser: an admin creates it, a responder drafts, an admin publishes after the preview, an anonymous visitor reads it, then the public postmortem.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusPagesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_a_page_a_responder_drafts_an_admin_publishes_and_an_anonymous_visitor_sees_it_then_the_public_postmortem()
    {
        var key = "life" + Guid.NewGuid().ToString("N")[..6];
        var admin = await browser.NewPageAsync();
        await admin.OpenAsync("status-pages");
        await admin.Locator("[data-testid=add-status-page]").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=page-name]").FillAsync("Example status");
        await dialog.Locator("input[data-testid=page-key]").FillAsync(key);
        await dialog.GetByLabel("Workers KV").CheckAsync();
        await dialog.Locator("input[data-testid=public-name-cf-workers-kv]").FillAsync("Key-value storage");
        await dialog.GetByLabel("Cloudflare Access").CheckAsync();
        await admin.ScreenshotAsync("status-pages-dialog");
        await dialog.Locator("[data-testid=status-page-save]").ClickAsync();
        await Expect(admin.Locator("[data-testid=status-pages]")).ToContainTextAsync($"/pages/{key}");
        await admin.ScreenshotAsync("status-pages-admin-desktop");
        var phoneAdmin = await browser.NewPageAsync(width: 390, height: 844);
        await phoneAdmin.OpenAsync("status-pages");
        await Expect(phoneAdmin.Locator("[data-testid=status-pages]")).ToContainTextAsync($"/pages/{key}");
        await phoneAdmin.ScreenshotAsync("status-pages-admin-phone");

        var incident = await browser.Services.IncidentAsync("INTERNAL-TITLE browser " + key);
        string slug;
        await using (var db = browser.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContext())
            slug = db.Incidents.Where(i => i.Id == incident).Select(i => i.Slug).Single();
        await TestServices.UserAsync(browser.Services, $"rita-{key}@example.com", "Rita Responder", Role.Responder);
        var responder = await browser.NewPageAsync(state: await browser.SignInStateAsync($"rita-{key}@example.com", "a long enough password"));
        await responder.OpenAsync($"incidents/{slug}?tab=status");
        await responder.Locator("[data-testid=draft-status-update]").ClickAsync();
        var draft = responder.GetByRole(AriaRole.Dialog);
        await draft.Locator("input[data-testid=status-title]").FillAsync("Slow key-value reads");
        await draft.Locator("textarea[data-testid=status-body]").FillAsync("Reads from the key-value store are slow. We are investigating.");
        await draft.GetByLabel("Workers KV (Cloudflare)").CheckAsync();
        await draft.Locator("[data-testid=status-update-save]").ClickAsync();
        await Expect(responder.Locator("[data-testid=status-update]")).ToContainTextAsync("Draft");
        await Expect(responder.Locator("[data-testid=publish-status-update]")).ToHaveCountAsync(0); // not the communications lead

        await admin.OpenAsync($"incidents/{slug}?tab=status");
        await admin.Locator("[data-testid=publish-status-update]").ClickAsync();
        var publish = admin.GetByRole(AriaRole.Dialog);
        await Expect(publish.Locator("[data-testid=publish-confirm]")).ToBeDisabledAsync();
        await publish.GetByLabel($"Example status (/pages/{key}, public)").CheckAsync();
        await Expect(publish.Locator("[data-testid=publish-preview]")).ToContainTextAsync("Reads from the key-value store are slow.");
        await Expect(publish.Locator("[data-testid=publish-preview]")).ToContainTextAsync("Key-value storage");
        await admin.ScreenshotAsync("status-publish-preview");
        await publish.Locator("[data-testid=publish-confirm]").ClickAsync();
        await Expect(admin.Locator("[data-testid=status-update]")).ToContainTextAsync("Published");

        Assert.True(await browser.Services.GetRequiredService<StatusSnapshots>().RebuildAsync());
        var visitor = await browser.NewPageAsync(signedIn: false);
        await visitor.GotoAsync($"pages/{key}");
        await Expect(visitor.Locator("[data-testid=overall]")).ToContainTextAsync("Minor Service Outage");
        await Expect(visitor.Locator("[data-testid=public-incident]")).ToContainTextAsync("Slow key-value reads");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("INTERNAL-TITLE");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(StatusPageRig.Secret);
        var today = visitor.Locator("[data-testid=component]").First.Locator(".sp-bar").Last;
        await today.FocusAsync();
        await Expect(today.Locator(".sp-tip")).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("status-public-desktop");
        var phone = await browser.NewPageAsync(width: 390, height: 844, signedIn: false);
        await phone.GotoAsync($"pages/{key}");
        Assert.False(await phone.ScrollsSidewaysAsync());
        await Expect(phone.Locator("[data-testid=component]").First.Locator(".sp-bar:visible")).ToHaveCountAsync(PublicPageHtml.PhoneDays);
        await phone.ScreenshotAsync("status-public-phone");

        // The public postmortem: written apart from the internal one, published from the incident, read by the visitor under the incident.
        await admin.OpenAsync($"incidents/{slug}?tab=status");
        await admin.Locator("[data-testid=public-postmortem]").ClickAsync();
        var postmortem = admin.GetByRole(AriaRole.Dialog);
        await postmortem.Locator("textarea[data-testid=public-postmortem-text]").FillAsync("## What happened\n\nA configuration change slowed reads from the key-value store. We rolled it back and now stage such changes.");
        await admin.ScreenshotAsync("status-public-postmortem-dialog");
        await postmortem.Locator("[data-testid=public-postmortem-publish]").ClickAsync();
        await Expect(admin.Locator("[data-testid=public-postmortem-summary]")).ToContainTextAsync("Public postmortem published");
        Assert.True(await browser.Services.GetRequiredService<StatusSnapshots>().RebuildAsync());
        await visitor.ReloadAsync();
        var published = visitor.Locator("[data-testid=public-incident] [data-testid=public-postmortem]");
        await Expect(published.GetByRole(AriaRole.Heading, new() { Name = "What happened" })).ToBeVisibleAsync();
        await Expect(published).ToContainTextAsync("now stage such changes");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("INTERNAL-TITLE");

        foreach (var theme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await visitor.EmulateMediaAsync(new() { ColorScheme = theme });
            await AssertAccessibleAsync(visitor, $"public page ({theme})");
            await admin.EmulateMediaAsync(new() { ColorScheme = theme });
            await admin.OpenAsync("status-pages");
            await admin.Locator($"[data-theme={(theme == ColorScheme.Dark ? "dark" : "light")}][data-theme-ready=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await AssertAccessibleAsync(admin, $"admin page ({theme})");
        }
        await visitor.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await visitor.ScreenshotAsync("status-public-dark");
    }

    [Fact]
    public async Task A_subscriber_chooses_components_on_their_own_page_from_the_link_in_their_mail()
    {
        var key = "subs" + Guid.NewGuid().ToString("N")[..6];
        var services = browser.Services;
        Assert.True((await services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page(key))).Succeeded);
        var subscriptions = services.GetRequiredService<SubscriptionCommands>();
        Assert.True((await subscriptions.SubscribeAsync(key, $"sam-{key}@example.com")).Succeeded);
        string token;
        await using (var db = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContext())
            token = db.StatusSubscribers.Where(s => s.Email == $"sam-{key}@example.com").Select(s => s.Token).Single();
        Assert.True((await subscriptions.ConfirmAsync(token)).Succeeded);

        var phone = await browser.NewPageAsync(width: 390, height: 844, signedIn: false);
        await phone.GotoAsync($"pages/{key}/subscriptions/manage?token={token}");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your subscription" })).ToBeVisibleAsync();
        await phone.GetByLabel("Public access").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Expect(phone.GetByLabel("Public access")).ToBeCheckedAsync();
        await Expect(phone.GetByLabel("Public workers-kv")).Not.ToBeCheckedAsync();
        Assert.False(await phone.ScrollsSidewaysAsync());
        await phone.ScreenshotAsync("status-subscription-phone");
        foreach (var theme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await phone.EmulateMediaAsync(new() { ColorScheme = theme });
            await AssertAccessibleAsync(phone, $"subscription page ({theme})");
        }
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var problems = await page.SeriousProblemsAsync();
        Assert.True(problems.Count == 0, $"{what}: " + string.Join("\n", problems));
    }
}
