using System.Net;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Host;

/// <summary>Single sign-on against a real OpenID Connect provider (OpenIddict) on a loopback port, beside local accounts.</summary>
public sealed class OidcHostTests(OidcBesideLocalAccounts oidc) : IClassFixture<OidcBesideLocalAccounts>
{
    private async Task<AppUser?> UserAsync(string email)
    {
        await using var db = await oidc.App.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
    }

    private async Task<List<string>> AuditAsync(string email)
    {
        await using var db = await oidc.App.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.EntityType == "user" && a.EntityKey == email).OrderBy(a => a.Id).Select(a => a.Action + " by " + a.Actor).ToListAsync();
    }

    private static bool SetsAppCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("IncidentBoard.Auth=", StringComparison.Ordinal));

    [Fact]
    public async Task The_sign_in_page_offers_the_provider_beside_the_password_form()
    {
        var page = await oidc.NewClient().GetStringAsync("/account/login");

        Assert.Contains($"Sign in with {OidcApp.DisplayName}", page);
        Assert.Contains("data-testid=\"login-password\"", page);
    }

    [Fact]
    public async Task A_first_sign_in_provisions_an_account_with_the_default_role_when_no_mapping_matches()
    {
        oidc.Provider.Users["dana"] = new ProviderUser("dana", "dana@example.com", true, "Dana Default", "staff");
        var client = oidc.NewClient();

        var arrived = await oidc.SignInThroughProviderAsync(client, "dana");

        Assert.Equal(HttpStatusCode.OK, arrived.StatusCode); // the home page, signed in
        var user = await UserAsync("dana@example.com");
        Assert.NotNull(user);
        Assert.Equal((Role.Viewer, "Dana Default", OidcApp.DisplayName, (string?)null), (user.Role, user.DisplayName, user.ExternalProvider, user.PasswordHash));
        Assert.Equal(["user.created by system"], await AuditAsync("dana@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/actions")).StatusCode);
    }

    [Fact]
    public async Task The_mapped_role_is_given_at_first_sign_in_and_follows_the_claim_later()
    {
        oidc.Provider.Users["ada"] = new ProviderUser("ada", "ada@example.com", true, "Ada Admin", "staff", "incident-admins");
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(oidc.NewClient(), "ada")).StatusCode);
        Assert.Equal(Role.Admin, (await UserAsync("ada@example.com"))!.Role);

        // No mapped group now: the role stays as it was.
        oidc.Provider.Users["ada"] = new ProviderUser("ada", "ada@example.com", true, "Ada Admin", "staff");
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(oidc.NewClient(), "ada")).StatusCode);
        Assert.Equal(Role.Admin, (await UserAsync("ada@example.com"))!.Role);

        // A mapped group again: its role replaces the old one, audited.
        oidc.Provider.Users["ada"] = new ProviderUser("ada", "ada@example.com", true, "Ada Admin", "incident-responders");
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(oidc.NewClient(), "ada")).StatusCode);
        Assert.Equal(Role.Responder, (await UserAsync("ada@example.com"))!.Role);
        Assert.Equal(["user.created by system", "user.role_changed by system"], await AuditAsync("ada@example.com"));
    }

    [Fact]
    public async Task A_disabled_account_is_refused_and_gets_no_cookie()
    {
        oidc.Provider.Users["dirk"] = new ProviderUser("dirk", "dirk@example.com", true, "Dirk Disabled");
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(oidc.NewClient(), "dirk")).StatusCode);
        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        Assert.True((await oidc.App.Services.GetRequiredService<UserCommands>().SetDisabledAsync(owner, (await UserAsync("dirk@example.com"))!.Id, true)).Succeeded);

        var client = oidc.NewClient();
        var refused = await oidc.SignInThroughProviderAsync(client, "dirk");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("/account/login?external=disabled", refused.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("This account is disabled.", await refused.Content.ReadAsStringAsync());
        Assert.False(SetsAppCookie(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/actions")).StatusCode);
    }

    [Fact]
    public async Task An_existing_account_is_linked_by_a_verified_email_and_never_by_an_unverified_one()
    {
        oidc.Provider.Users["mallory"] = new ProviderUser("mallory", AppFactory.OwnerEmail, false, "Not The Owner");
        var refused = await oidc.SignInThroughProviderAsync(oidc.NewClient(), "mallory");
        Assert.Equal("/account/login?external=email", refused.RequestMessage!.RequestUri!.PathAndQuery);

        oidc.Provider.Users["olivia"] = new ProviderUser("olivia", AppFactory.OwnerEmail, true, "Olivia at the provider");
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(oidc.NewClient(), "olivia")).StatusCode);

        var owner = await UserAsync(AppFactory.OwnerEmail);
        Assert.Equal((Role.Owner, "Olivia Owner"), (owner!.Role, owner.DisplayName));
        await using var db = await oidc.App.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.Equal(["oidc/olivia"], await db.UserLogins.Where(l => l.UserId == owner.Id).Select(l => l.LoginProvider + "/" + l.ProviderKey).ToListAsync());
        Assert.Contains("user.login_linked by system", await AuditAsync(AppFactory.OwnerEmail));
    }
}

/// <summary>Local accounts switched off: single sign-on only.</summary>
public sealed class OidcOnlyHostTests(OidcOnly oidc) : IClassFixture<OidcOnly>
{
    [Fact]
    public async Task The_password_form_is_gone_and_a_posted_password_is_refused()
    {
        var client = oidc.NewClient();
        var page = await client.GetStringAsync("/account/login");
        Assert.Contains($"Sign in with {OidcApp.DisplayName}", page);
        Assert.DoesNotContain("login-password", page);

        // The owner's correct password, posted as the form would have been (antiforgery token and all).
        var response = await AppFactory.SignInAsync(client, AppFactory.OwnerEmail, AppFactory.OwnerPassword);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("IncidentBoard.Auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/actions")).StatusCode);
    }

    [Fact]
    public async Task Single_sign_on_signs_in_and_the_password_page_has_no_form()
    {
        oidc.Provider.Users["rosa"] = new ProviderUser("rosa", "rosa@example.com", true, "Rosa Responder", "incident-responders");
        var client = oidc.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(client, "rosa")).StatusCode);
        var password = await client.GetStringAsync("/account/password");
        Assert.Contains("Passwords are switched off here", password);
        Assert.DoesNotContain("password-new", password);
        Assert.DoesNotContain("href=\"account/password\"", await client.GetStringAsync("/account/profile"));
    }
}

/// <summary>No users yet and local accounts off: the first person to come back from the provider becomes the owner.</summary>
public sealed class OidcFirstRunHostTests(OidcOnFirstRun oidc) : IClassFixture<OidcOnFirstRun>
{
    [Fact]
    public async Task The_owner_page_offers_the_provider_and_the_first_person_in_becomes_the_owner_and_the_next_a_viewer()
    {
        var client = oidc.NewClient();
        var setup = await client.GetAsync("/");
        Assert.Equal("/account/setup", setup.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync("/account/setup");
        Assert.Contains($"Sign in with {OidcApp.DisplayName}", page);
        Assert.Contains("The first person to sign in becomes the owner.", page);
        Assert.DoesNotContain("setup-password", page);

        oidc.Provider.Users["first"] = new ProviderUser("first", "first@example.com", true, "First Person");
        oidc.Provider.Users["second"] = new ProviderUser("second", "second@example.com", true, "Second Person");
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(client, "first", from: "/account/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oidc.SignInThroughProviderAsync(oidc.NewClient(), "second")).StatusCode);

        var users = await oidc.App.Services.GetRequiredService<UserQueries>().ListAsync();
        Assert.Equal([("first@example.com", Role.Owner), ("second@example.com", Role.Viewer)], users.Select(u => (u.Email, u.Role)).OrderBy(u => u.Email));
    }
}
