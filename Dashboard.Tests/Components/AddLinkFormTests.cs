using Bunit;
using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Learning;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Tests.Components;

/// <summary>The related panel's "Add link" form: a responder fills it in; a viewer is told why not.</summary>
public sealed class AddLinkFormTests : MudTestContext
{
    private async Task<int> CloudflareIdAsync() =>
        (await Services.GetRequiredService<IncidentQueries>().GetAsync(Actor.System, "2025-11-18-cloudflare-bot-management"))!.Id;

    [Fact]
    public async Task A_responder_gets_the_kind_the_incident_picker_and_the_button()
    {
        var id = await CloudflareIdAsync();
        var cut = Render<AddLinkForm>(p => p.Add(x => x.IncidentId, id));
        Assert.Single(cut.FindAll("[data-testid=link-kind]"));
        Assert.Single(cut.FindAll("input[data-testid=link-target], [data-testid=link-target] input"));
        Assert.True(cut.Find("[data-testid=link-add]").HasAttribute("disabled")); // until an incident is picked
    }

    [Fact]
    public async Task A_viewer_gets_only_a_disabled_button_with_the_reason()
    {
        var viewer = new CurrentUser(Actor.Person("val@example.com", Role.Viewer) with { UserId = "viewer" });
        var id = await CloudflareIdAsync();
        var cut = Render<AddLinkForm>(p => p.Add(x => x.IncidentId, id).AddCascadingValue(viewer));
        Assert.Empty(cut.FindAll("[data-testid=link-kind]"));
        Assert.Empty(cut.FindAll("[data-testid=link-target]"));
        Assert.True(cut.Find("[data-testid=link-add]").HasAttribute("disabled"));
        Assert.Equal(viewer.WhyNot(Permission.Respond), cut.Find(".role-gate").GetAttribute("title"));
    }
}
