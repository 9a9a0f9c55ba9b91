using Bunit;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Impact;

namespace Dashboard.Tests.Components;

public sealed class ImpactPanelTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task The_panel_lists_the_windows_and_names_the_root_cause()
    {
        var id = await IncidentIdAsync("2025-11-18-cloudflare-bot-management");

        var cut = Render<ImpactPanel>(p => p.Add(x => x.IncidentId, id));

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=impact-windows] tbody tr").Count), Wait);
        Assert.Contains("ClickHouse cluster", cut.Find("[data-testid=root-cause]").TextContent);
        cut.Find("[data-testid=dependency-graph]");
    }

    [Fact]
    public async Task Adding_a_window_that_ends_before_it_starts_is_refused_next_to_the_field()
    {
        var id = await IncidentIdAsync("2025-10-29-azure-front-door");
        var cut = Render<ImpactPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-impact]"), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();

        cut.Find("[data-testid=add-impact]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=impact-save]"), Wait);
        provider.Find("input[data-testid=impact-start]").Change("18:00");
        provider.Find("input[data-testid=impact-end]").Change("17:00");
        provider.Find("[data-testid=impact-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("End: 2025-10-29 17:00 is not after the start (2025-10-29 18:00).", provider.Markup), Wait);
        Assert.Contains("Service: choose the service", provider.Markup);
    }

    /// <summary>The AWS incident's Impact panel with the edit dialog of its first window open.</summary>
    private async Task<(IRenderedComponent<ImpactPanel> Panel, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, int IncidentId)> EditFirstAwsWindowAsync()
    {
        var id = await IncidentIdAsync("2025-10-20-aws-us-east-1-dynamodb-dns");
        var cut = Render<ImpactPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=impact-windows] tbody tr"), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();
        cut.FindAll("[data-testid=impact-windows] tbody tr")[0].QuerySelector("button[aria-label='Edit impact window']")!.Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=impact-save]"), Wait);
        return (cut, provider, id);
    }

    [Fact]
    public async Task Editing_a_window_saves_it_and_the_table_reloads()
    {
        var (cut, provider, _) = await EditFirstAwsWindowAsync();
        provider.Find("textarea[data-testid=impact-description]").Change("Edited in a component test");
        provider.Find("[data-testid=impact-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Edited in a component test", cut.Find("[data-testid=impact-windows]").TextContent), Wait);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_Reload_brings_the_saved_version_to_edit_again()
    {
        var (cut, provider, id) = await EditFirstAwsWindowAsync();

        await using (var db = Database.CreateDbContext()) // someone else saves the same window meanwhile
        {
            var window = await db.ServiceImpacts.Where(x => x.IncidentId == id).OrderBy(x => x.StartedAt).FirstAsync();
            window.Description = "Saved by someone else";
            window.Version = Guid.NewGuid();
            await db.SaveChangesAsync();
        }
        provider.Find("textarea[data-testid=impact-description]").Change("Mine");
        provider.Find("[data-testid=impact-save]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=impact-conflict]"), Wait);

        provider.Find("[data-testid=impact-reload]").Click();
        provider.WaitForAssertion(() => Assert.Equal("Saved by someone else", provider.Find("textarea[data-testid=impact-description]").GetAttribute("value") ?? provider.Find("textarea[data-testid=impact-description]").TextContent), Wait);
        provider.Find("textarea[data-testid=impact-description]").Change("Mine, on top of theirs");
        provider.Find("[data-testid=impact-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Mine, on top of theirs", cut.Find("[data-testid=impact-windows]").TextContent), Wait);
    }
}
