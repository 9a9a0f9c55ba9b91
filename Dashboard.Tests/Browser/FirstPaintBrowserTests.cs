using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// What a user sees while a list's circuit starts: the prerendered rows stay on screen until the
/// table's own first page replaces them, never an empty table, "Loading…" or "0-0 of 0" in between.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstPaintBrowserTests(BrowserFixture browser)
{
    // Runs before the page's own scripts and watches every change Blazor makes to the DOM. A change
    // batch applied in one task is seen as its end state, as a person would see it.
    private const string Watch = """
        window.__paint = { rows: 0, emptied: false, zeroRange: false };
        new MutationObserver(() => {
            const p = window.__paint;
            const rows = document.querySelectorAll('table tbody tr a[href]').length;
            if (rows > 0) p.rows = Math.max(p.rows, rows); else if (p.rows > 0) p.emptied = true;
            if ((document.querySelector('.mud-table-pagination')?.innerText ?? '').includes('0-0 of 0')) p.zeroRange = true;
        }).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    [Theory]
    [InlineData("incidents")]
    [InlineData("actions")]
    [InlineData("services")]
    public async Task The_prerendered_rows_stay_until_the_table_has_its_own(string path)
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(Watch);
        await page.OpenAsync(path);
        // The pager replaces the prerendered range once the table has read its first page in the circuit.
        await Expect(page.Locator(".mud-table-pagination")).ToBeVisibleAsync();
        await Expect(page.Locator("table tbody tr a[href]").First).ToBeVisibleAsync();

        var paint = await page.EvaluateAsync<JsonElement>("() => window.__paint");
        Assert.True(paint.GetProperty("rows").GetInt32() > 0, "the server's HTML had no rows with links");
        Assert.False(paint.GetProperty("emptied").GetBoolean(), $"/{path}: the rows went away before the table's own page arrived");
        Assert.False(paint.GetProperty("zeroRange").GetBoolean(), $"/{path}: the pager said 0-0 of 0");
        await Expect(page.Locator(".mud-table-pagination")).Not.ToContainTextAsync("0-0 of 0");
    }
}
