using Bunit;
using Dashboard.Data.StatusPages;
using Dashboard.StatusPages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.StatusPages;

/// <summary>The incident's Status updates tab and the admin page, rendered with bUnit over a seeded database.</summary>
public sealed class StatusPagesComponentTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentAsync()
    {
        Assert.True((await Services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page())).Succeeded);
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == "2025-11-18-cloudflare-bot-management").Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task A_draft_is_published_only_after_the_preview_shows_what_the_page_will_show()
    {
        var incident = await IncidentAsync();
        await Services.GetRequiredService<StatusUpdateCommands>().DraftAsync(TestServices.Owner, incident, StatusPageRig.Update(body: "Customers in Europe see errors."));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<StatusUpdatesPanel>(p => p.Add(x => x.IncidentId, incident));
        cut.WaitForAssertion(() => Assert.Contains("Draft", cut.Find("[data-testid=status-update]").TextContent), Wait);

        cut.Find("[data-testid=publish-status-update]").Click();
        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("[data-testid=publish-confirm]").HasAttribute("disabled")), Wait);
        var box = dialogs.Find("[data-testid=publish-to-public]");
        (box.TagName == "INPUT" ? box : box.QuerySelector("input")!).Change(true);

        dialogs.WaitForAssertion(() => Assert.Contains("Customers in Europe see errors.", dialogs.Find("[data-testid=publish-preview]").TextContent), Wait);
        Assert.Contains("Public workers-kv", dialogs.Find("[data-testid=publish-preview]").TextContent);
        Assert.DoesNotContain("Workers KV", dialogs.Find("[data-testid=publish-preview]").TextContent); // the catalog's name stays inside
        dialogs.Find("[data-testid=publish-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Published", cut.Find("[data-testid=status-update]").TextContent), Wait);
        Assert.Contains("/pages/public", cut.Find("[data-testid=status-update]").TextContent);
    }

    [Fact]
    public async Task The_admin_page_lists_pages_with_their_address_and_audience()
    {
        await IncidentAsync();

        var cut = Render<StatusPagesAdmin>();

        cut.WaitForAssertion(() => Assert.Contains("/pages/public", cut.Find("[data-testid=status-pages]").TextContent), Wait);
        Assert.Contains("Public", cut.Find("[data-testid=status-pages]").TextContent);
    }

    [Fact]
    public async Task An_admin_starts_the_public_postmortem_from_a_copy_of_the_internal_one_edits_and_publishes_it()
    {
        Assert.True((await Services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page())).Succeeded);
        var incident = await Services.IncidentAsync("KV errors");
        await Services.PublishedAsync(incident, StatusPageRig.Update());
        await Services.InternalPostmortemAsync(incident, "INTERNAL-PM Olivia restarted the primary");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<StatusUpdatesPanel>(p => p.Add(x => x.IncidentId, incident));
        cut.WaitForAssertion(() => cut.Find("[data-testid=public-postmortem]"), Wait);
        cut.Find("[data-testid=public-postmortem]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=public-postmortem-copy]"), Wait);
        dialogs.Find("[data-testid=public-postmortem-copy]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("INTERNAL-PM Olivia restarted the primary", Text(dialogs)), Wait);
        dialogs.Find("textarea[data-testid=public-postmortem-text]").Change("PUBLIC-PM the primary was restarted");
        dialogs.Find("[data-testid=public-postmortem-publish]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Public postmortem published", cut.Find("[data-testid=public-postmortem-summary]").TextContent), Wait);
        Assert.True(await Services.GetRequiredService<StatusSnapshots>().RebuildAsync());
        Assert.Equal("PUBLIC-PM the primary was restarted", Assert.Single(Services.GetRequiredService<StatusSnapshots>().Find("public")!.Incidents).Postmortem!.Body);
    }

    private static string Text(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var box = dialogs.Find("textarea[data-testid=public-postmortem-text]");
        return box.GetAttribute("value") ?? box.TextContent;
    }
}
