using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Data.ApiKeys;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Host;

/// <summary>What a sign-in cookie still opens when the account behind it has changed, or is not finished.</summary>
public sealed partial class SessionHostTests
{
    private const string Password = "a long enough password";

    private static async Task<Actor> UserAsync(IServiceProvider services, string email, Role role, bool temporary)
    {
        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        var created = await services.GetRequiredService<UserCommands>().CreateAsync(owner,
            new NewUserInput { Email = email, DisplayName = email.Split('@')[0], Role = role, Password = Password, MustChangePassword = temporary });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
        var id = (await services.GetRequiredService<UserQueries>().ListAsync()).Single(u => u.Email == email).Id;
        return Actor.Person(email, role) with { UserId = id };
    }

    [Fact]
    public async Task A_temporary_password_opens_the_change_password_page_and_nothing_else()
    {
        await using var factory = new AppFactory();
        var tina = await UserAsync(factory.Services, "tina.temporary@example.com", Role.Responder, temporary: true);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(client, tina.Name, Password)).StatusCode);

        var export = await client.GetAsync("/actions/export.csv");
        var script = await client.GetAsync("/_framework/blazor.web.js"); // what the change-password page loads
        // The API key form of the profile page, posted with a good antiforgery token from the one page she may open.
        var page = await client.GetAsync("/account/password");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups["value"].Value);
        var keyForm = await client.PostAsync("/account/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "api-key-create", ["__RequestVerificationToken"] = token, ["Create.Name"] = "made before the change", ["Create.Role"] = "Viewer",
        }));

        Assert.Empty(await factory.Services.GetRequiredService<ApiKeyQueries>().ListAsync(tina)); // the form made no key
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (page.StatusCode, script.StatusCode));
        Assert.Equal((HttpStatusCode.Redirect, "/account/password"), (export.StatusCode, export.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Forbidden, keyForm.StatusCode);
    }

    [Fact]
    public async Task A_disabled_users_cookie_is_refused_by_an_export_once_the_revalidation_interval_has_passed()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var factory = new AppFactory { Settings = { ["Auth:RevalidationInterval"] = "00:02:00" } };
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var dave = await UserAsync(app.Services, "dave.disabled@example.com", Role.Responder, temporary: false);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(client, dave.Name, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/actions/export.csv")).StatusCode);

        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        Assert.True((await app.Services.GetRequiredService<UserCommands>().SetDisabledAsync(owner, dave.UserId!, true)).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(3));
        var export = await client.GetAsync("/actions/export.csv");
        var script = await client.GetAsync("/_framework/blazor.web.js"); // what the change-password page loads

        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/account/login", export.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
