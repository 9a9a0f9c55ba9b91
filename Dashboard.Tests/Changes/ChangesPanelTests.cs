using Bunit;
using Dashboard.Changes;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Changes;

public sealed class ChangesPanelTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task The_Cloudflare_panel_shows_the_1105_change_first_with_its_reason_and_tells_the_page_it_is_the_trigger()
    {
        var id = await IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        string? trigger = null;

        var cut = Render<ChangesPanel>(p => p.Add(x => x.IncidentId, id).Add(x => x.TriggerChanged, (string? t) => trigger = t));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=change-row]")), Wait);
        var first = cut.FindAll("[data-testid=change-row]")[0];
        Assert.Contains("ClickHouse access control", first.QuerySelector("[data-testid=change-title]")!.TextContent);
        Assert.Equal("Touched cf-clickhouse, which cf-fl-proxy depends on, 3 hops; upstream of 7 impacted services; 15 min before the start",
            first.QuerySelector("[data-testid=change-reason]")!.TextContent);
        Assert.Equal("Trigger", first.QuerySelector("[data-testid=change-mark]")!.TextContent);
        Assert.StartsWith("ClickHouse access control", trigger);
    }

    [Fact]
    public async Task Clearing_the_trigger_mark_updates_the_row_and_the_page()
    {
        var id = await IncidentIdAsync("2024-07-19-crowdstrike-channel-file-291");
        string? trigger = "unset";
        var cut = Render<ChangesPanel>(p => p.Add(x => x.IncidentId, id).Add(x => x.TriggerChanged, (string? t) => trigger = t));
        cut.WaitForAssertion(() => cut.Find("[data-testid=change-unmark]"), Wait);

        cut.Find("[data-testid=change-unmark]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=change-mark]")), Wait);
        Assert.Null(trigger);
        cut.Find("[data-testid=change-mark-trigger]");
    }

    [Fact]
    public async Task An_incident_without_changes_in_its_window_says_how_changes_arrive()
    {
        var id = await IncidentIdAsync("2025-10-29-azure-front-door");

        var cut = Render<ChangesPanel>(p => p.Add(x => x.IncidentId, id));

        cut.WaitForAssertion(() => Assert.Contains("POST /api/v1/changes", cut.Find("[data-testid=changes-empty]").TextContent), Wait);
    }
}
