using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The pages the calendar feed and the postmortem deadlines touch, at desktop and phone width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_user_makes_a_calendar_address_that_serves_a_calendar_and_overdue_postmortems_show_on_my_work_and_the_review()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("account/profile");
        await page.Locator("[data-testid=calendar-renew]").ClickAsync();
        await Expect(page.Locator("[data-testid=calendar-url]")).ToContainTextAsync("/calendar/");
        var address = await page.Locator("[data-testid=calendar-url]").InnerTextAsync();
        await page.ScreenshotAsync("calendar-profile-desktop");
        var feed = await page.APIRequest.GetAsync(address);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.TextAsync());

        await page.OpenAsync("my-work");
        await Expect(page.Locator("[data-testid=overdue-postmortems-heading]")).ToBeVisibleAsync();
        await page.ScreenshotAsync("my-work-desktop");
        await page.OpenAsync("review");
        await Expect(page.Locator("[data-testid=overdue-postmortems]")).ToContainTextAsync("required by the error budget");
        await page.ScreenshotAsync("review-overdue-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("my-work");
        await Expect(phone.Locator("[data-testid=overdue-postmortems-heading]")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("my-work-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
        await phone.GotoAsync("account/profile");
        await phone.ScreenshotAsync("calendar-profile-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
    }
}
