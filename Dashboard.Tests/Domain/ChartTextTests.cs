using Dashboard.Data.Impact;
using Dashboard.Impact;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Domain;

public class ChartTextTests
{
    [Theory]
    [InlineData("CDN", "CDN")]
    [InlineData("Core CDN and security traffic", "Core CDN and<br>security traffic")]
    [InlineData("Workers KV", "Workers KV")]
    [InlineData("Amazon DynamoDB (us-east-1) control plane", "Amazon DynamoDB<br>(us-east-1)<br>control plane")]
    [InlineData("Averyveryverylongservicenamewithoutspaces", "Averyveryverylongservicenamewithoutspaces")]
    public void Long_labels_break_at_spaces_into_lines_of_about_18_characters(string label, string drawn) =>
        Assert.Equal(drawn, ChartText.Wrap(label));

    [Fact]
    public void A_label_stays_text_for_Plotly() =>
        Assert.Equal("&lt;b&gt;Billing&lt;/b&gt; &amp;<br>payments", ChartText.Wrap("<b>Billing</b> & payments"));

    [Fact]
    public void The_lanes_axis_keeps_the_names_as_categories_and_draws_them_wrapped()
    {
        var start = new DateTime(2025, 11, 18, 11, 20, 0, DateTimeKind.Utc);
        var window = new ImpactWindowItem(1, 1, "core", "Core CDN and security traffic", ImpactLevel.MajorOutage, start, start.AddHours(3), null, default);
        var axis = ImpactBars.LaneAxis(ImpactBars.Lanes([window]));
        Assert.Equal(["Core CDN and security traffic"], axis.CategoryArray);
        Assert.Equal(["Core CDN and security traffic"], axis.TickVals);
        Assert.Equal(["Core CDN and<br>security traffic"], axis.TickText);
    }
}
