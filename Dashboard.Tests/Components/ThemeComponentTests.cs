using Bunit;
using Dashboard.Data.Review;
using Dashboard.Data.Themes;
using Dashboard.Tests.Infrastructure;
using Dashboard.Themes;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The themes pages, the incident's themes panel and the review's themes section, over the seeded database.</summary>
public sealed class ThemeComponentTests : MudTestContext
{
    private async Task<(int ThemeId, int IncidentId)> TaggedAsync()
    {
        var commands = Services.GetRequiredService<ThemeCommands>();
        var made = await commands.CreateAsync(TestServices.Owner, new ThemeInput { Name = "Config pushes", Description = "Configuration that reaches every machine at once." });
        var incident = (await Services.GetRequiredService<Dashboard.Data.Incidents.IncidentQueries>().GetAsync(TestServices.Owner, "2025-11-18-cloudflare-bot-management"))!.Id;
        Assert.True((await commands.SetForIncidentAsync(TestServices.Owner, incident, [made.Id!.Value])).Succeeded);
        return (made.Id.Value, incident);
    }

    [Fact]
    public async Task The_themes_page_lists_each_theme_with_its_incident_count_and_offers_admins_a_new_one()
    {
        await TaggedAsync();

        var cut = Render<ThemesPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=theme]")));
        Assert.Equal("Config pushes", cut.Find("[data-testid=theme-link]").TextContent);
        Assert.Equal("1 incident", cut.Find("[data-testid=theme-count]").TextContent);
        Assert.False(cut.Find("[data-testid=add-theme]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_theme_page_lists_its_incidents_with_their_open_actions()
    {
        var (themeId, _) = await TaggedAsync();

        var cut = Render<ThemePage>(p => p.Add(x => x.Id, themeId));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=theme-incident]")));
        Assert.Equal("Config pushes", cut.Find("[data-testid=theme-title]").TextContent);
        Assert.Contains("open action", cut.Find("[data-testid=theme-incident]").TextContent);
        Assert.Contains("1 incident", cut.Find("[data-testid=theme-summary]").TextContent);
    }

    [Fact]
    public async Task The_incident_panel_links_its_themes_and_the_review_section_counts_them()
    {
        var (themeId, incidentId) = await TaggedAsync();

        var panel = Render<IncidentThemesPanel>(p => p.Add(x => x.IncidentId, incidentId));
        var review = Render<ReviewThemesSection>(p => p.Add(x => x.Query, new ReviewQuery()));

        panel.WaitForAssertion(() => Assert.Equal($"themes/{themeId}", panel.Find("[data-testid=incident-theme]").GetAttribute("href")));
        review.WaitForAssertion(() => Assert.Single(review.FindAll("[data-testid=review-theme]")));
        Assert.Equal("1", review.Find("[data-testid=review-theme-open]").TextContent);
    }

    [Fact]
    public void With_no_themes_each_view_says_what_to_do()
    {
        var page = Render<ThemesPage>();
        var review = Render<ReviewThemesSection>(p => p.Add(x => x.Query, new ReviewQuery()));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=themes-empty]")));
        review.WaitForAssertion(() => Assert.Single(review.FindAll("[data-testid=review-themes-empty]")));
    }
}
