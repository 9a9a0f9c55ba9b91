using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Questions for the review, "What surprised us" and near misses as a person sees them, on the seeded 29 October Azure outage.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuestionsBrowserTests(BrowserFixture browser)
{
    private const string Azure = "incidents/2025-10-29-azure-front-door";

    [Fact]
    public async Task The_postmortem_page_shows_what_surprised_us_and_takes_a_question_for_the_review()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Azure + "/postmortem");
        await Expect(page.Locator("textarea[data-testid=surprises-text]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Valid changes, invalid result"));
        await Expect(page.GetByTestId("postmortem-preview")).ToContainTextAsync("Health checks that passed.");

        var question = $"Why did the staged health checks pass? {Guid.NewGuid().ToString("N")[..4]}";
        await page.Locator("textarea[data-testid=question-text]").FillAsync(question);
        await page.GetByTestId("question-ask").ClickAsync();
        await Expect(page.Locator("[data-testid=question-body]", new() { HasTextString = question })).ToHaveCountAsync(1);
        await page.GetByTestId("review-questions").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("questions-postmortem-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync(Azure + "/postmortem");
        await Expect(phone.Locator("[data-testid=question-body]", new() { HasTextString = question })).ToHaveCountAsync(1);
        await phone.GetByTestId("surprises").CloseUpAsync("surprises-narrow");
        await phone.GetByTestId("review-questions").CloseUpAsync("questions-narrow");
        Assert.False(await phone.ScrollsSidewaysAsync(), "the postmortem page scrolls sideways at 390 px");
    }

    [Fact]
    public async Task A_near_miss_declared_on_the_form_is_tagged_on_its_page_and_in_the_list()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync("incidents/new");
        var title = $"Queue almost full {Guid.NewGuid().ToString("N")[..6]}";
        await page.Locator("input[data-testid=title]").FillAsync(title);
        await page.Locator("input[data-testid=organisation]").FillAsync("Shop");
        await page.Locator("input[data-testid=phase-started]").FillAsync("2026-01-10 10:00");
        await page.Locator("textarea[data-testid=summary]").FillAsync("The queue reached 95% and drained on its own.");
        await page.GetByLabel("Near miss: recorded without customer impact", new() { Exact = false }).CheckAsync();
        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page.GetByTestId("near-miss-badge")).ToBeVisibleAsync();
        await page.ScreenshotAsync("near-miss-incident-desktop");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.OpenAsync("incidents");
        await Expect(phone.Locator("tr", new() { HasTextString = title }).GetByTestId("list-near-miss")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("near-miss-list-narrow");
        Assert.False(await phone.ScrollsSidewaysAsync(), "the incidents list scrolls sideways at 390 px");
    }
}
