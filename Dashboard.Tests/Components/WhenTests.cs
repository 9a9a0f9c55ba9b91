using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>When.razor: the absolute UTC time always, and beside it how long ago, by the app's clock.</summary>
public sealed class WhenTests : BunitContext
{
    public WhenTests() => Services.AddSingleton<TimeProvider>(FixedClock.Default); // 2026-01-15 09:00 UTC

    [Fact]
    public void A_time_shows_its_UTC_date_and_how_long_ago()
    {
        var cut = Render<When>(p => p.Add(w => w.Value, new DateTime(2026, 1, 12, 8, 30, 0, DateTimeKind.Utc)));

        Assert.Contains("2026-01-12 08:30", cut.Markup);
        Assert.Contains("UTC", cut.Markup);
        Assert.Equal("· 3 days ago", cut.Find(".when-relative").TextContent);
    }

    [Fact]
    public void A_due_date_shows_how_far_ahead_and_a_missing_one_says_so()
    {
        var due = Render<When>(p => p.Add(w => w.Date, new DateOnly(2026, 1, 20)));
        var none = Render<When>(p => p.Add(w => w.Missing, "no date"));

        Assert.Contains("2026-01-20", due.Markup);
        Assert.Equal("· in 5 days", due.Find(".when-relative").TextContent);
        Assert.Equal("no date", none.Find("span").TextContent);
    }
}
