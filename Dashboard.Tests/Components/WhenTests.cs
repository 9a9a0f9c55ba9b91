using Bunit;
using Dashboard.Tests.Infrastructure;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Components;

/// <summary>Times.When: the absolute UTC time always, and beside it how long ago, by the app's clock.</summary>
public sealed class WhenTests : BunitContext
{
    private static readonly DateTime Now = FixedClock.Default.GetUtcNow().UtcDateTime; // 2026-01-15 09:00 UTC

    [Fact]
    public void A_time_shows_its_UTC_date_and_how_long_ago()
    {
        var cut = Render(Times.When(new DateTime(2026, 1, 12, 8, 30, 0, DateTimeKind.Utc), Now));

        Assert.Contains("2026-01-12 08:30", cut.Markup);
        Assert.Contains("UTC", cut.Markup);
        Assert.Equal("· 3 days ago", cut.Find(".when-relative").TextContent);
    }

    [Fact]
    public void A_due_date_shows_how_far_ahead_and_a_missing_one_says_so()
    {
        var due = Render(Times.When(new DateOnly(2026, 1, 20), Now));
        var none = Render(Times.When((DateOnly?)null, Now, "no date"));

        Assert.Contains("2026-01-20", due.Markup);
        Assert.Equal("· in 5 days", due.Find(".when-relative").TextContent);
        Assert.Equal("no date", none.Find("span").TextContent);
    }
}
