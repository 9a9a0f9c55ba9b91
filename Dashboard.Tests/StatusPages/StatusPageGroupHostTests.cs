using System.Net;
using Dashboard.Data.StatusPages;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.StatusPages;

/// <summary>
/// A restricted page that admits an OIDC group, through the real app and a real OpenID Connect provider
/// (OpenIddict on a loopback port): the groups claim of the sign-in opens every format of the page, also after the
/// cookie is revalidated; other groups get not found.
/// </summary>
public sealed class StatusPageGroupHostTests(OidcBesideLocalAccounts oidc) : IClassFixture<OidcBesideLocalAccounts>
{
    private static readonly string[] Formats = ["", "/widget", "/badge.svg", "/feed.atom", "/feed.rss", "/api/v2/summary.json", "/api/v2/incidents.json"];

    [Fact]
    public async Task A_person_signed_in_through_the_provider_with_one_of_the_pages_groups_sees_it_in_every_format_and_another_group_does_not()
    {
        // The app's own clock, to pass the cookie's revalidation interval: the groups must outlive the cookie being rebuilt from the account.
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        // An app of its own (the fixture's holds its SQLite file), signing in through the fixture's provider.
        await using var factory = new AppFactory { Settings = OidcApp.Settings(oidc.Provider) };
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var services = app.Services;
        Assert.True((await services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner,
            StatusPageRig.Page("support", StatusAudience.Restricted) with { Roles = [Role.Admin], Groups = ["support-team"] })).Succeeded);
        Assert.True(await services.GetRequiredService<StatusSnapshots>().RebuildAsync());
        oidc.Provider.Users["sam"] = new ProviderUser("sam", "sam@example.com", true, "Sam Support", "staff", "support-team");
        oidc.Provider.Users["vic"] = new ProviderUser("vic", "vic@example.com", true, "Vic Viewer", "staff");

        var sam = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(sam, "sam")).StatusCode);
        var vic = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(vic, "vic")).StatusCode);

        foreach (var path in Formats)
        {
            Assert.True(HttpStatusCode.OK == (await sam.GetAsync($"/pages/support{path}")).StatusCode, $"sam {path}");
            Assert.True(HttpStatusCode.NotFound == (await vic.GetAsync($"/pages/support{path}")).StatusCode, $"vic {path}");
        }
        Assert.Contains("Example support status", await sam.GetStringAsync("/pages/support"));

        clock.Advance(TimeSpan.FromMinutes(6)); // past Auth:RevalidationInterval (5 minutes)
        var revalidated = await sam.GetAsync("/pages/support");
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        // The cookie was rebuilt from the account (a new one was set), and kept the groups of the sign-in.
        Assert.Contains(revalidated.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("IncidentBoard.Auth"));
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/pages/support/api/v2/summary.json")).StatusCode);
    }
}
