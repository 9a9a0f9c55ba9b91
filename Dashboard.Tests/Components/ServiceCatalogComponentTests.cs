using Bunit;
using Dashboard.Tests.Infrastructure;
using Dashboard.Catalog;

namespace Dashboard.Tests.Components;

public sealed class ServiceCatalogComponentTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_services_page_lists_the_catalog_and_search_narrows_it()
    {
        var cut = Render<ServicesPage>();
        cut.WaitForAssertion(() => Assert.Equal("41 services", cut.Find("[data-testid=service-count]").TextContent.Trim()), Wait);

        cut.Find("input[data-testid=service-search]").Input("proxy");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2 services", cut.Find("[data-testid=service-count]").TextContent.Trim());
            Assert.Equal(["FL core proxy (previous version)", "FL2 core proxy"], cut.FindAll("[data-testid=service-link]").Select(a => a.TextContent.Trim()));
        }, Wait);
    }

    [Fact]
    public void The_add_dialog_names_the_fields_that_are_wrong_and_a_valid_service_joins_the_list()
    {
        var cut = Render<ServicesPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-service]"), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();

        cut.Find("[data-testid=add-service]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=service-save]"), Wait);
        provider.Find("[data-testid=service-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Name: required.", provider.Markup), Wait);
        Assert.Contains("Group: required", provider.Markup);

        provider.Find("input[data-testid=service-name]").Change("Checkout API");
        provider.Find("input[data-testid=service-group]").Change("Shop");
        provider.Find("[data-testid=service-save]").Click();

        // The catalog is paged by group and name: "Shop" sorts onto the second page of 25.
        cut.WaitForAssertion(() => Assert.Equal("42 services", cut.Find("[data-testid=service-count]").TextContent.Trim()), Wait);
        cut.Find("input[data-testid=service-search]").Input("checkout");
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=service-link]"), a => a.TextContent.Trim() == "Checkout API"), Wait);
    }

    [Fact]
    public void Removing_a_service_that_an_incident_uses_says_how_many_and_offers_to_archive()
    {
        var cut = Render<ServicePage>(p => p.Add(x => x.Key, "cf-workers-kv"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=remove-service]"), Wait);
        var provider = Render<MudBlazor.MudDialogProvider>();

        cut.Find("[data-testid=remove-service]").Click();
        provider.WaitForAssertion(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click(), Wait);

        provider.WaitForAssertion(() => Assert.Contains("1 incident refers to it", provider.Markup), Wait);
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        cut.WaitForAssertion(() => Assert.Contains("archived", cut.Find("[data-testid=service-title]").ParentElement!.ParentElement!.TextContent), Wait);
    }

    [Fact]
    public void A_service_page_shows_its_incident_history_dependencies_and_blast_radius()
    {
        var cut = Render<ServicePage>(p => p.Add(x => x.Key, "cf-fl2-proxy"));

        cut.WaitForAssertion(() => Assert.Contains("Global 5xx errors", cut.Find("[data-testid=service-incidents]").TextContent), Wait);
        Assert.Contains("190 min", cut.Find("[data-testid=impact-minutes]").TextContent);
        Assert.Contains("Bot Management module", cut.Find("[data-testid=depends-on]").TextContent);
        var dependents = cut.Find("[data-testid=dependents]").TextContent;
        Assert.Contains("Depended on by (4)", dependents);
        cut.WaitForAssertion(() => Assert.Contains("Blast radius: 5 services", cut.Find("[data-testid=blast-radius-count]").TextContent), Wait);
    }
}
