using System.Net;
using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.StatusPages;

/// <summary>
/// A restricted page that admits an OIDC group, through the real app and a real OpenID Connect provider
/// (OpenIddict on a loopback port): the groups claim of the sign-in opens every format of the page; other groups get not found.
/// </summary>
public sealed class StatusPageGroupHostTests(OidcBesideLocalAccounts oidc) : IClassFixture<OidcBesideLocalAccounts>
{
    private static readonly string[] Formats = ["", "/widget", "/badge.svg", "/feed.atom", "/feed.rss", "/api/v2/summary.json", "/api/v2/incidents.json"];

    [Fact]
    public async Task A_person_signed_in_through_the_provider_with_one_of_the_pages_groups_sees_it_in_every_format_and_another_group_does_not()
    {
        var services = oidc.App.Services;
        Assert.True((await services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner,
            StatusPageRig.Page("support", StatusAudience.Restricted) with { Roles = [Role.Admin], Groups = ["support-team"] })).Succeeded);
        Assert.True(await services.GetRequiredService<StatusSnapshots>().RebuildAsync());
        oidc.Provider.Users["sam"] = new ProviderUser("sam", "sam@example.com", true, "Sam Support", "staff", "support-team");
        oidc.Provider.Users["vic"] = new ProviderUser("vic", "vic@example.com", true, "Vic Viewer", "staff");

        var sam = oidc.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(sam, "sam")).StatusCode);
        var vic = oidc.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(vic, "vic")).StatusCode);

        foreach (var path in Formats)
        {
            Assert.True(HttpStatusCode.OK == (await sam.GetAsync($"/pages/support{path}")).StatusCode, $"sam {path}");
            Assert.True(HttpStatusCode.NotFound == (await vic.GetAsync($"/pages/support{path}")).StatusCode, $"vic {path}");
        }
        Assert.Contains("Example support status", await sam.GetStringAsync("/pages/support"));
    }
}
