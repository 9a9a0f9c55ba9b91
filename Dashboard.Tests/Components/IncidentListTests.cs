using Bunit;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Incidents;

namespace Dashboard.Tests.Components;

public sealed class IncidentListTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_table_shows_every_seeded_incident_with_severity_and_start()
    {
        var cut = Render<IncidentList>();

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("tbody tr").Count), Wait);
        var first = cut.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("SEV1", first);
        Assert.Contains("Cloudflare", first);
        Assert.Contains("2025-12-05 08:47", first);
        Assert.Contains("25 m", first);
        var second = cut.FindAll("tbody tr")[1].TextContent;
        Assert.Contains("2025-11-18 11:20", second);
        Assert.Contains("5 h 46 m", second);
        Assert.Contains("1-6 of 6", cut.Markup);
    }

    [Fact]
    public void Searching_narrows_the_table_to_matching_incidents()
    {
        var cut = Render<IncidentList>();
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("tbody tr").Count), Wait);

        cut.Find("input[data-testid=search]").Input("crowdstrike");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")), Wait);
        Assert.Contains("Channel File 291", cut.Find("tbody tr").TextContent);
    }

    [Fact]
    public void A_search_without_matches_says_so()
    {
        var cut = Render<IncidentList>();
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("tbody tr").Count), Wait);

        cut.Find("input[data-testid=search]").Input("no incident has this text");

        cut.WaitForAssertion(() => Assert.Contains("No incident matches these filters.", cut.Markup), Wait);
    }

    [Fact]
    public void Clicking_a_row_opens_the_incident()
    {
        var cut = Render<IncidentList>();
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("tbody tr").Count), Wait);

        cut.FindAll("tbody tr")[2].Click();

        Assert.EndsWith("/incidents/2025-10-29-azure-front-door", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
