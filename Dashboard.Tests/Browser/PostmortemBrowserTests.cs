using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The postmortem page in Chromium. The Cloudflare test publishes its postmortem; the others use
/// the AWS, Azure and CrowdStrike incidents, so no test depends on another's changes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PostmortemBrowserTests(BrowserFixture browser)
{
    private const string Cloudflare = "incidents/2025-11-18-cloudflare-bot-management/postmortem";
    private const string Aws = "incidents/2025-10-20-aws-us-east-1-dynamodb-dns/postmortem";
    private const string Azure = "incidents/2025-10-29-azure-front-door/postmortem";
    private const string CrowdStrike = "incidents/2024-07-19-crowdstrike-channel-file-291/postmortem";

    [Fact]
    public async Task Edit_the_Cloudflare_postmortem_see_the_preview_publish_it_and_download_both_exports()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Cloudflare);
        var preview = page.Locator("[data-testid=postmortem-preview]");
        await Expect(preview.Locator("h1")).ToHaveTextAsync("Postmortem: Global 5xx errors from an oversized Bot Management feature file");
        await Expect(preview.Locator("td", new() { HasTextString = "Time to resolve" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("postmortem-cloudflare");

        await page.TypeAtEndOfEditorAsync("\n\nReviewed in the browser test, with a [link](https://example.com/pm).");
        await Expect(preview).ToContainTextAsync("Reviewed in the browser test");
        await Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page.Locator("[data-testid=saved-at]")).ToContainTextAsync("by Olivia Owner");

        await page.ReloadAsync();
        await page.Locator("[data-render-mode=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=postmortem-editor]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Reviewed in the browser test"));

        await page.Locator("[data-testid=move-InReview]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Recorded as moved by Olivia Owner."); // the signed-in user
        await page.Locator("[data-testid=transition-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=postmortem-status]")).ToHaveTextAsync("In review");
        await page.Locator("[data-testid=move-Published]").ClickAsync();
        await page.Locator("[data-testid=transition-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=postmortem-status]")).ToHaveTextAsync("Published");
        await Expect(page.Locator("[data-testid=locked]")).ToContainTextAsync("Published and locked by Olivia Owner");
        await Expect(page.Locator("[data-testid=postmortem-editor]")).ToHaveAttributeAsync("readonly", "");
        await Expect(page.Locator("[data-testid=workflow-history]")).ToContainTextAsync("In review → Published by Olivia Owner");

        var markdown = await DownloadAsync(page, "export-md");
        Assert.StartsWith("---\nformatVersion: 1\nslug: 2025-11-18-cloudflare-bot-management\n", markdown);
        Assert.Contains("postmortemStatus: published", markdown);
        Assert.Contains("Reviewed in the browser test", markdown);
        var html = await DownloadAsync(page, "export-postmortem-html");
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("size:A4", html);
        Assert.Contains("section+section{break-before:page}", html);
        Assert.Contains("Reviewed in the browser test", html);
        Assert.Contains("<td>Time to resolve</td>", html);

        var list = await browser.NewPageAsync();
        await list.OpenAsync("incidents");
        var row = list.Locator("tr", new() { HasTextString = "Bot Management" });
        await Expect(row.Locator("[data-testid=list-postmortem]")).ToHaveTextAsync("Published");
    }

    private static async Task<string> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid={testId}]").ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }

    [Fact]
    public async Task Script_event_handlers_and_javascript_links_in_the_Markdown_never_run()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Azure);
        await page.TypeAtEndOfEditorAsync("\n\n<script>window.__xss = 1</script>\n\n<img src=x onerror=\"window.__xss = 2\">\n\n[click me](javascript:window.__xss=3)\n\nAttack end");

        var preview = page.Locator("[data-testid=postmortem-preview]");
        await Expect(preview).ToContainTextAsync("Attack end");
        await Expect(preview).ToContainTextAsync("<script>window.__xss = 1</script>"); // shown as text
        await Expect(preview.Locator("script, img, [onerror]")).ToHaveCountAsync(0);
        await preview.GetByText("click me").ClickAsync();
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.DoesNotContain("javascript:", await preview.InnerHTMLAsync());
    }

    [Fact]
    public async Task At_1366_px_the_editor_and_title_sit_beside_the_drawer_not_under_it()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.OpenAsync(Azure);
        await Expect(page.Locator("[data-testid=postmortem-editor]")).ToBeEditableAsync();
        var drawerRight = await page.Locator(".mud-drawer").EvaluateAsync<double>("e => e.getBoundingClientRect().right");
        var editorLeft = await page.Locator("[data-testid=postmortem-editor]").EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        var titleLeft = await page.Locator(".postmortem-title").EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        await page.ScreenshotAsync("postmortem-1366");
        Assert.True(editorLeft >= drawerRight, $"the editor starts at {editorLeft} px, under the drawer that ends at {drawerRight} px");
        Assert.True(titleLeft >= drawerRight, $"the title starts at {titleLeft} px, under the drawer that ends at {drawerRight} px");
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_asks_first()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(Aws);
        await page.TypeAtEndOfEditorAsync("\n\nNot saved yet.");
        await Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();

        await page.Locator(".mud-nav-link", new() { HasTextString = "Actions" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { HasTextString = "Leave without saving?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/postmortem$"));

        await page.Locator(".mud-nav-link", new() { HasTextString = "Actions" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/actions"));
    }

    [Fact]
    public async Task A_stale_save_shows_both_versions_and_the_user_chooses()
    {
        var first = await browser.NewPageAsync();
        var second = await browser.NewPageAsync();
        await first.OpenAsync(CrowdStrike);
        await second.OpenAsync(CrowdStrike);

        // The second writer is typing when the first saves: the open page follows the saved version
        // only while nothing in it is unsaved, so the second writer's text stays and their save is stale.
        await second.TypeAtEndOfEditorAsync("\n\nSecond writer's line.");
        await Expect(second.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await first.TypeAtEndOfEditorAsync("\n\nFirst writer's line.");
        await first.Locator("[data-testid=save]").ClickAsync();
        await Expect(first.Locator("[data-testid=saved-at]")).ToBeVisibleAsync();

        await Expect(second.Locator("[data-testid=postmortem-editor]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Second writer's line\\.\\s*$"));
        await second.Locator("[data-testid=save]").ClickAsync();
        await Expect(second.Locator("[data-testid=stale-theirs]")).ToHaveTextAsync("First writer's line.");
        await Expect(second.Locator("[data-testid=stale-mine]")).ToHaveTextAsync("Second writer's line.");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "postmortem-stale-save.png") }); // the dialog, as the window shows it
        await second.Locator("[data-testid=stale-take-theirs]").ClickAsync();
        await Expect(second.Locator("[data-testid=postmortem-editor]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("First writer's line\\.\\s*$"));
        await Expect(second.Locator("[data-testid=unsaved]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_exported_postmortem_imports_as_a_new_incident_and_a_broken_one_is_refused()
    {
        var page = await browser.NewPageAsync();
        var exported = await (await page.APIRequest.GetAsync(Aws + ".md")).TextAsync();
        var copy = exported.Replace("slug: 2025-10-20-aws-us-east-1-dynamodb-dns", "slug: imported-aws-copy");
        await page.OpenAsync("incidents");

        await page.Locator("[data-testid=import-postmortem]").ClickAsync();
        await page.WaitForInputFileAsync("[data-testid=import-file]");
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.postmortem.md", MimeType = "text/markdown", Buffer = System.Text.Encoding.UTF8.GetBytes(copy.Replace("formatVersion: 1", "formatVersion: 1\ncolour: red")),
        });
        await Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("unknown field 'colour'");
        await Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("nothing was written");

        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "aws.postmortem.md", MimeType = "text/markdown", Buffer = System.Text.Encoding.UTF8.GetBytes(copy),
        });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("incidents/imported-aws-copy/postmortem$"));
        await Expect(page.Locator("[data-testid=postmortem-preview] h1")).ToContainTextAsync("DynamoDB");
    }

    [Fact]
    public async Task The_postmortem_page_fits_a_phone()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.OpenAsync(Azure);
        await Expect(page.Locator("[data-testid=postmortem-preview] h1")).ToBeVisibleAsync();
        await page.ScreenshotAsync("postmortem-narrow");
        Assert.False(await page.ScrollsSidewaysAsync());
    }
}
