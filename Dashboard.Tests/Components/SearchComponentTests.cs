using Bunit;
using Dashboard.Data.Search;
using Dashboard.Search;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The search page and its snippet, over the seeded database.</summary>
public sealed class SearchComponentTests : MudTestContext
{
    [Fact]
    public void A_snippet_marks_matched_words_and_writes_everything_as_text()
    {
        var cut = Render<SnippetText>(p => p.Add(x => x.Parts, [new SnippetPart("<b>bold</b> and ", false), new SnippetPart("panicked", true), new SnippetPart(" proxies", false)]));

        Assert.Equal("panicked", cut.Find("mark").TextContent);
        Assert.Empty(cut.FindAll("b"));
        Assert.Equal("<b>bold</b> and panicked proxies", cut.Find("[data-testid=search-snippet]").TextContent);
    }

    [Fact]
    public void The_page_reads_the_search_from_the_address_and_lists_the_results_with_snippets()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("search?q=coincidental");

        var cut = Render<SearchPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=search-result]")));
        Assert.Equal("incidents/2025-11-18-cloudflare-bot-management", cut.Find("[data-testid=search-result-title]").GetAttribute("href"));
        Assert.Equal("coincidental", cut.Find("mark").TextContent, ignoreCase: true);
        Assert.Contains("incidents/2025-11-18-cloudflare-bot-management/postmortem", cut.FindAll(".search-hit a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("search", "search-idle")]
    [InlineData("search?q=%2A%2A", "search-error")]
    [InlineData("search?q=nosuchwordanywhere", "search-empty")]
    public void Idle_unusable_and_empty_searches_each_say_so(string address, string state)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var cut = Render<SearchPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid={state}]")));
        Assert.Empty(cut.FindAll("[data-testid=search-result]"));
    }
}
