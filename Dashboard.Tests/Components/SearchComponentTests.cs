using Bunit;
using Dashboard.Data.Search;
using Dashboard.Search;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task When_more_records_match_than_are_ranked_the_page_says_they_come_newest_first()
    {
        await using (var db = Database.CreateDbContext())
        {
            var incident = await db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            db.TimelineEvents.AddRange(Enumerable.Range(0, FullTextSearch.DefaultRankedRecords + 1).Select(n => new Dashboard.Data.Timeline.TimelineEvent
            {
                IncidentId = incident, OccurredAt = DateTime.UtcNow, Kind = EventKind.Note, Text = $"zephyrine reading {n}", Version = Guid.NewGuid(),
            }));
            await db.SaveChangesAsync();
        }
        Services.GetRequiredService<NavigationManager>().NavigateTo("search?q=zephyrine");

        var cut = Render<SearchPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=search-result]")));
        Assert.Contains("the newest 2,000, newest first", cut.Find("[data-testid=search-newest-first]").TextContent);
        Services.GetRequiredService<NavigationManager>().NavigateTo("search?q=coincidental");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=search-newest-first]")));
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
