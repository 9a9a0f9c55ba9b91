using Bunit;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Incidents;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Tests.Components;

/// <summary>The incident's People panel: what a responder may change and what a viewer only reads.</summary>
public sealed class IncidentPeopleTests : MudTestContext
{
    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";

    private async Task<IncidentDetail> DetailAsync() => (await Services.GetRequiredService<IncidentQueries>().GetAsync(Actor.System, Cloudflare))!;

    [Fact]
    public async Task A_responder_gets_the_role_pickers_the_member_picker_and_the_private_switch()
    {
        var detail = await DetailAsync();
        var cut = Render<IncidentPeople>(p => p.Add(x => x.Incident, detail));
        Assert.Equal(3, cut.FindAll("[data-testid^=role-]").Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=add-member]"));
        Assert.False(cut.Find(".mud-switch input").HasAttribute("disabled"));
        Assert.Contains("Everyone who can sign in can see this incident", cut.Markup);
    }

    [Fact]
    public async Task A_viewer_reads_the_holders_with_nothing_to_change()
    {
        var viewer = new CurrentUser(Actor.Person("val@example.com", Role.Viewer) with { UserId = "viewer" });
        var detail = await DetailAsync();
        var cut = Render<IncidentPeople>(p => p.Add(x => x.Incident, detail).AddCascadingValue(viewer));
        Assert.Empty(cut.FindAll("[data-testid^=role-]"));
        Assert.Empty(cut.FindAll("[data-testid=add-member]"));
        Assert.True(cut.Find(".mud-switch input").HasAttribute("disabled"));
        Assert.Equal(3, cut.FindAll("p").Count(p => p.TextContent == "Nobody"));
        Assert.Contains(Names.Of(IncidentRole.CommsLead), cut.Markup);
    }
}
