using Bunit;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Timeline;
using Dashboard.Changes;

namespace Dashboard.Tests.Components;

public sealed class TimelineViewTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task The_list_groups_events_by_day_for_a_multi_day_incident()
    {
        var id = await IncidentIdAsync("2024-07-19-crowdstrike-channel-file-291");

        var cut = Render<TimelineView>(p => p.Add(x => x.IncidentId, id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=event-row]")), Wait);
        var days = cut.FindAll(".day-row").Select(d => d.TextContent).ToList();
        Assert.Contains(days, d => d.StartsWith("Friday 19 July 2024"));
        Assert.Contains(days, d => d.StartsWith("Tuesday 30 July 2024"));
        Assert.True(days.Count >= 6);
    }

    [Fact]
    public async Task The_key_only_filter_narrows_the_list_and_says_how_many_match()
    {
        var id = await IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        var cut = Render<TimelineView>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=event-row]").Count), Wait);

        cut.Find("input[data-testid=key-only]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(9, cut.FindAll("[data-testid=event-row]").Count), Wait);
        Assert.Equal("9 of 20 events match the filters", cut.Find("[data-testid=event-count]").TextContent.Trim());
        Assert.All(cut.FindAll("[data-testid=event-row]"), r => Assert.Contains("key-event", r.ClassName));
    }

    [Fact]
    public async Task A_large_timeline_draws_slots_until_zoomed_in_and_again_after_reset()
    {
        var id = await IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        // The day after the outage, clear of its own events.
        var start = new DateTime(2025, 11, 19, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = Database.CreateDbContext())
        {
            // Written straight to the table: the door's checks are not what this test is about.
            db.TimelineEvents.AddRange(Enumerable.Range(0, 1_200).Select(i => new Dashboard.Data.Timeline.TimelineEvent
            {
                IncidentId = id, OccurredAt = start.AddSeconds(30 * i), Kind = Dashboard.Data.Kernel.EventKind.Investigation,
                Text = $"Load test note {i}", Source = Dashboard.Data.Kernel.EventSource.Import, Version = Guid.NewGuid(),
            }));
            await db.SaveChangesAsync();
        }
        var cut = Render<TimelineView>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=event-row]")), Wait);
        var plot = cut.FindComponent<TimelinePlot>();
        // Event markers only: the 11:05 change has its own trace on the ClickHouse lane.
        int Markers() => plot.Instance.Chart!.Traces.OfType<Plotly.Blazor.Traces.Scatter>().Where(t => t.Name != Dashboard.Changes.ChangeMarkers.Name).Sum(t => t.X.Count);
        Assert.InRange(Markers(), 20, Dashboard.Timeline.TimelineChartBuilder.MarkerSlots + 1);

        // Ten minutes of the chart, as Plotly's axis reports them: twenty notes, and half that span either side.
        await cut.InvokeAsync(() => plot.Instance.OnZoomed.InvokeAsync((start.AddMinutes(60), start.AddMinutes(70))));
        Assert.Equal(41, Markers());

        cut.Find("[data-testid=reset-zoom]").Click();
        Assert.InRange(Markers(), 20, Dashboard.Timeline.TimelineChartBuilder.MarkerSlots + 1);
    }

    [Fact]
    public async Task A_change_published_elsewhere_reloads_the_view()
    {
        var id = await IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        var cut = Render<TimelineView>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=event-row]").Count), Wait);
        var commands = Services.GetRequiredService<TimelineCommands>();

        await commands.AddAsync(TestServices.Owner, id, new EventInput { OccurredAt = "12:00", Text = "Added in another browser" });

        cut.WaitForAssertion(() => Assert.Contains("Added in another browser", cut.Markup), Wait);
    }

    [Fact]
    public async Task The_add_dialog_shows_validation_messages_next_to_the_fields()
    {
        var id = await IncidentIdAsync("2025-11-18-cloudflare-bot-management");
        var cut = Render<TimelineView>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-event]"), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();

        cut.Find("[data-testid=add-event]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=event-save]"), Wait);
        provider.Find("input[data-testid=event-time]").Change("25:99");
        provider.Find("[data-testid=event-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("'25:99' is not a UTC time", provider.Markup), Wait);
        Assert.Contains("the text is required", provider.Markup);
    }
}
