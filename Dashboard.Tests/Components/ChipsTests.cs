using Bunit;
using Severity = Dashboard.Data.Kernel.Severity;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Components;

/// <summary>Chips and times are fragments, not components: they must still read and look like MudChip's chips.</summary>
public sealed class ChipsTests : BunitContext
{
    [Fact]
    public void A_chip_says_its_status_in_the_colour_of_its_meaning()
    {
        var sev1 = Render(Chips.Severity(Severity.Sev1));
        var closed = Render(Chips.Status(IncidentStatus.Closed));
        var inReview = Render(Chips.Postmortem(PostmortemStatus.InReview, "list-postmortem"));

        Assert.Equal("SEV1", sev1.Find(".mud-chip").TextContent);
        Assert.Contains("mud-chip-color-error", sev1.Find(".mud-chip").ClassName);
        Assert.Contains("mud-chip-outlined", closed.Find(".mud-chip").ClassName);
        Assert.Contains("mud-chip-color-success", closed.Find(".mud-chip").ClassName);
        Assert.Equal("In review", inReview.Find("[data-testid=list-postmortem]").TextContent);
        Assert.Null(sev1.Find(".mud-chip").GetAttribute("data-testid"));
    }

    [Fact]
    public void A_time_shows_its_date_and_zone_and_a_missing_one_says_so()
    {
        var at = Render(Times.Utc(new DateTime(2025, 11, 18, 11, 20, 0, DateTimeKind.Utc)));
        var none = Render(Times.Utc(null, "not recorded"));

        Assert.Equal("2025-11-18 11:20 UTC", at.Find("span").TextContent);
        Assert.Equal("2025-11-18T11:20:00Z", at.Find("span").GetAttribute("title"));
        Assert.Equal("not recorded", none.Find("span").TextContent);
    }
}
