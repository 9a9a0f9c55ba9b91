using Bunit;
using Dashboard.Meetings;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components;

public sealed class ReviewMeetingPanelTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<int> IncidentIdAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task Scheduling_a_review_meeting_shows_it_on_the_postmortem_and_a_missing_or_unreadable_time_is_refused_at_its_field()
    {
        var id = await IncidentIdAsync("2025-10-09-azure-front-door");
        var cut = Render<ReviewMeetingPanel>(p => p.Add(x => x.IncidentId, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=meeting-none]"), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();

        cut.Find("[data-testid=meeting-schedule]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=meeting-save]"), Wait);
        provider.Find("[data-testid=meeting-save]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Choose the date and time.", provider.Markup), Wait);

        provider.Find("input[data-testid=meeting-starts]").Change("next Tuesday");
        provider.Find("[data-testid=meeting-save]").Click();
        provider.WaitForAssertion(() => Assert.Contains("'next Tuesday' is not a UTC time", string.Concat(provider.Nodes.Select(n => n.TextContent))), Wait);
        await using (var before = Database.CreateDbContext()) Assert.False(await before.ReviewMeetings.AnyAsync(m => m.IncidentId == id));

        provider.Find("input[data-testid=meeting-starts]").Change("2026-12-10 15:00");
        provider.Find("input[data-testid=meeting-location]").Change("Room 4 and the usual call");
        provider.Find("[data-testid=meeting-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2026-12-10 15:00", cut.Find("[data-testid=meeting-when]").TextContent), Wait);
        Assert.Contains("60 minutes", cut.Find("[data-testid=meeting-when]").TextContent);
        Assert.Contains("Room 4 and the usual call", cut.Markup);
        await using var db = Database.CreateDbContext();
        var stored = await db.ReviewMeetings.SingleAsync(m => m.IncidentId == id);
        Assert.Equal(new DateTime(2026, 12, 10, 15, 0, 0, DateTimeKind.Utc), stored.StartsAt);
    }
}
