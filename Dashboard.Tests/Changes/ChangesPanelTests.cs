using Bunit;
using Dashboard.Changes;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    private static IReadOnlyList<string> Titles(IRenderedComponent<ChangesPanel> cut) =>
        [.. cut.FindAll("[data-testid=change-title]").Select(t => t.TextContent)];

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ChangesPanel> cut, int n) => cut.FindAll("[data-testid=changes-window-picker] input")[n];

    [Fact]
    public async Task The_picker_shows_the_default_window_and_a_narrower_one_leaves_out_the_earlier_change_until_the_default_comes_back()
    {
        var id = await IncidentIdAsync(Cloudflare);
        var cut = Render<ChangesPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=change-row]")), Wait);
        Assert.Equal(("2025-11-17 11:20", "2025-11-18 17:06"), (Field(cut, 0).GetAttribute("value"), Field(cut, 1).GetAttribute("value")));
        Assert.Contains(Titles(cut), t => t.StartsWith("ClickHouse access control", StringComparison.Ordinal));

        Field(cut, 0).Change("2025-11-18 11:10");
        cut.Find("[data-testid=changes-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2025-11-18 11:10", cut.Find("[data-testid=changes-window]").TextContent), Wait);
        Assert.DoesNotContain(Titles(cut), t => t.StartsWith("ClickHouse access control", StringComparison.Ordinal));

        cut.Find("[data-testid=changes-default-window]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Titles(cut), t => t.StartsWith("ClickHouse access control", StringComparison.Ordinal)), Wait);
        Assert.Equal("2025-11-17 11:20", Field(cut, 0).GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=changes-default-window]"));
    }

    [Fact]
    public async Task A_longer_look_back_brings_in_a_change_to_an_impacted_service_from_days_before()
    {
        var id = await IncidentIdAsync(Cloudflare);
        var recorded = await Services.GetRequiredService<Dashboard.Data.Changes.ChangeCommands>().RecordAsync(TestServices.Owner, new Dashboard.Data.Changes.ChangeInput
        {
            ExternalId = "panel-window-test", Kind = "deploy", Services = ["cf-fl-proxy"], StartedAt = "2025-11-15T09:00:00Z", Author = "ci", Title = "FL proxy three days early",
        });
        Assert.True(recorded.Succeeded);
        var cut = Render<ChangesPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=change-row]")), Wait);
        Assert.DoesNotContain("FL proxy three days early", Titles(cut));

        cut.FindAll("[data-testid=changes-lookback]").Single(b => b.TextContent == "7 days").Click();

        cut.WaitForAssertion(() => Assert.Contains("2025-11-11 11:20", cut.Find("[data-testid=changes-window]").TextContent), Wait);
        // Within the first rows or behind "Show all", depending on how many the wider window holds.
        foreach (var toggle in cut.FindAll("[data-testid=changes-toggle]")) toggle.Click();
        Assert.Contains("FL proxy three days early", Titles(cut));
    }

    [Theory]
    [InlineData("yesterday", "2025-11-18 17:06", "'yesterday' is not a time")]
    [InlineData("2025-11-18 12:00", "2025-11-18 11:00", "The end of the window is before its start.")]
    [InlineData("2025-09-01 00:00", "2025-11-18 17:06", "longer than 31 days")]
    public async Task A_bad_window_is_named_at_its_field_and_the_list_stays_as_it_was(string from, string to, string message)
    {
        var id = await IncidentIdAsync(Cloudflare);
        var cut = Render<ChangesPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=change-row]")), Wait);
        var before = Titles(cut);

        Field(cut, 0).Change(from);
        Field(cut, 1).Change(to);
        cut.Find("[data-testid=changes-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=changes-window-picker]").TextContent), Wait);
        Assert.Equal(before, Titles(cut));
        Assert.Contains("2025-11-17 11:20", cut.Find("[data-testid=changes-window]").TextContent);
    }
}
