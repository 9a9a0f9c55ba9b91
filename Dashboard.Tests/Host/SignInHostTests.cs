using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Host;

public class SignInHostTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _factory;

    public SignInHostTests(AppFactory factory) => _factory = factory;

    private HttpClient Anonymous() => _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/2025-11-18-cloudflare-bot-management")]
    [InlineData("/actions")]
    [InlineData("/audit")]
    public async Task A_signed_out_visit_leads_to_the_sign_in_page_and_back(string path)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_exports_refuse_a_signed_out_request()
    {
        var response = await Anonymous().GetAsync("/incidents/2025-11-18-cloudflare-bot-management/postmortem.md");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site()
    {
        var client = Anonymous();
        var response = await AppFactory.SignInAsync(client, AppFactory.OwnerEmail, AppFactory.OwnerPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("IncidentBoard.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        var response = await AppFactory.SignInAsync(Anonymous(), AppFactory.OwnerEmail, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("IncidentBoard.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_sign_in_form_without_its_antiforgery_token_is_refused()
    {
        var response = await Anonymous().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = AppFactory.OwnerEmail, ["Input.Password"] = AppFactory.OwnerPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>The same requests against the app on PostgreSQL.</summary>
public sealed class SignInHostTestsOnPostgreSql(PostgresAppFactory factory) : SignInHostTests(factory), IClassFixture<PostgresAppFactory>;

public sealed class FirstRunHostTests
{
    [Fact]
    public async Task Without_users_every_page_leads_to_the_owner_form()
    {
        await using var factory = new AppFactory { Bootstrap = false };
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var home = await client.GetAsync("/");
        var login = await client.GetAsync("/account/login");
        var form = await client.GetStringAsync("/account/setup");

        Assert.Equal("/account/setup", home.Headers.Location!.OriginalString);
        Assert.Equal("/account/setup", login.Headers.Location!.OriginalString);
        Assert.Contains("Create the owner account", form);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}

public sealed class AnonymousReadHostTests
{
    [Fact]
    public async Task A_wall_display_reads_incidents_and_the_review_signed_out_but_nothing_else()
    {
        await using var factory = new AppFactory { Settings = { ["Auth:AllowAnonymousRead"] = "true" } };
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/incidents/2025-11-18-cloudflare-bot-management")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/review")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/actions")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/incidents/new")).StatusCode);
    }
}
