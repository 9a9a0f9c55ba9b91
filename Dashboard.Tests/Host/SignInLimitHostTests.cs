using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Host;

/// <summary>
/// Failed password sign-ins are limited per client address across accounts (spraying) and per account
/// from one address (guessing), never per account alone (anyone could keep the owner out); and every
/// refusal reads the same, so the form tells no one which accounts exist.
/// </summary>
public sealed partial class SignInLimitHostTests
{
    private const string Password = "a long enough password";

    private static HttpClient From(AppFactory factory, string address) =>
        TestPeer.From(factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), address);

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(AccountError().Match(await response.Content.ReadAsStringAsync()).Groups["text"].Value);

    private static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("IncidentBoard.Auth=", StringComparison.Ordinal));

    [Fact]
    public async Task Spraying_one_password_over_many_accounts_stops_that_address_and_no_other()
    {
        await using var factory = new AppFactory { Settings = { ["Auth:SignInLimits:FailuresPerClient"] = "3" } };
        var sprayer = From(factory, "203.0.113.7");
        foreach (var email in new[] { "ann@example.com", "bob@example.com", "cat@example.com" })
            Assert.Equal(HttpStatusCode.OK, (await AppFactory.SignInAsync(sprayer, email, "Summer2025!Summer2025!")).StatusCode);

        var fourth = await AppFactory.SignInAsync(sprayer, AppFactory.OwnerEmail, AppFactory.OwnerPassword);
        var elsewhere = await AppFactory.SignInAsync(From(factory, "198.51.100.8"), AppFactory.OwnerEmail, AppFactory.OwnerPassword);

        Assert.Equal(Login.TooManyFailures, await ErrorOf(fourth)); // even the right password: the address is stopped, not the account
        Assert.False(SetsAuthCookie(fourth));
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.True(SetsAuthCookie(elsewhere));
    }

    [Fact]
    public async Task Wrong_passwords_for_the_owner_from_one_address_do_not_lock_the_owner_out_elsewhere()
    {
        await using var factory = new AppFactory();
        var guesser = From(factory, "203.0.113.9");
        for (var i = 0; i < 5; i++)
            Assert.Equal("Wrong email or password.", await ErrorOf(await AppFactory.SignInAsync(guesser, AppFactory.OwnerEmail, $"guess number {i} of many")));

        var guessed = await AppFactory.SignInAsync(guesser, AppFactory.OwnerEmail, AppFactory.OwnerPassword);
        var owner = await AppFactory.SignInAsync(From(factory, "198.51.100.9"), AppFactory.OwnerEmail, AppFactory.OwnerPassword);

        Assert.Equal(Login.TooManyFailures, await ErrorOf(guessed));
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.True(SetsAuthCookie(owner));
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_account_and_a_disabled_or_locked_one_get_the_same_answer()
    {
        await using var factory = new AppFactory();
        var owner = Actor.Person(AppFactory.OwnerEmail, Role.Owner);
        var users = factory.Services.GetRequiredService<UserCommands>();
        foreach (var email in new[] { "dora.disabled@example.com", "lou.locked@example.com" })
            Assert.True((await users.CreateAsync(owner, new NewUserInput { Email = email, DisplayName = email[..4], Role = Role.Viewer, Password = Password, MustChangePassword = false })).Succeeded);
        var rows = await factory.Services.GetRequiredService<UserQueries>().ListAsync();
        Assert.True((await users.SetDisabledAsync(owner, rows.Single(u => u.Email == "dora.disabled@example.com").Id, true)).Succeeded);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == "lou.locked@example.com").ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1)));
        var client = From(factory, "198.51.100.10");

        var answers = new[]
        {
            await ErrorOf(await AppFactory.SignInAsync(client, AppFactory.OwnerEmail, "not the owner's password")),
            await ErrorOf(await AppFactory.SignInAsync(client, "nobody.here@example.com", Password)),
            await ErrorOf(await AppFactory.SignInAsync(client, "dora.disabled@example.com", Password)), // the right password
            await ErrorOf(await AppFactory.SignInAsync(client, "lou.locked@example.com", Password)),    // the right password
        };

        Assert.All(answers, a => Assert.Equal("Wrong email or password.", a));
    }

    [GeneratedRegex("data-testid=\"account-error\">(?<text>[^<]*)<")]
    private static partial Regex AccountError();
}
