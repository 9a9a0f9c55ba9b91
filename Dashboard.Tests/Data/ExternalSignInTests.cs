using Dashboard.Data.Door;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Dashboard.Data.Providers;

namespace Dashboard.Tests.Data;

/// <summary>The door's side of single sign-on, on real SQLite: what the provider's claims may and may not do to an account.</summary>
public class ExternalSignInTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="ExternalSignInTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private TestServices _app = default!;
    private UserCommands Users => _app.Get<UserCommands>();

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store, seed: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static ExternalIdentity Who(string sub, string email, Role? mapped = null, bool verified = true, string? name = null) =>
        new("oidc", "Acme SSO", sub, email, verified, name ?? sub, mapped);

    private async Task<UserRow> RowAsync(string email) => (await _app.Get<UserQueries>().ListAsync()).Single(u => u.Email == email);

    [Fact]
    public async Task A_claim_never_demotes_the_last_owner()
    {
        Assert.True((await Users.SignInExternalAsync(Who("o1", "only.owner@example.com"), Role.Viewer)).Succeeded);
        Assert.Equal(Role.Owner, (await RowAsync("only.owner@example.com")).Role); // the first person in

        var again = await Users.SignInExternalAsync(Who("o1", "only.owner@example.com", mapped: Role.Viewer), Role.Viewer);

        Assert.True(again.Succeeded);
        Assert.Equal(Role.Owner, (await RowAsync("only.owner@example.com")).Role);
    }

    [Fact]
    public async Task A_person_without_an_email_or_subject_is_refused_and_nothing_is_written()
    {
        var noEmail = await Users.SignInExternalAsync(Who("s1", "not an email"), Role.Viewer);
        var noSubject = await Users.SignInExternalAsync(Who("", "someone@example.com"), Role.Viewer);

        Assert.Equal((Outcome.Invalid, Outcome.Invalid), (noEmail.Outcome, noSubject.Outcome));
        Assert.Contains("email", noEmail.Errors["Email"]);
        Assert.Empty(await _app.Get<UserQueries>().ListAsync());
    }

    [Fact]
    public async Task A_new_person_gets_the_mapped_role_the_provider_name_and_a_long_name_cut_to_fit()
    {
        await Users.SignInExternalAsync(Who("o1", "owner@example.com"), Role.Viewer);

        var result = await Users.SignInExternalAsync(Who("r1", "rae@example.com", mapped: Role.Responder, name: new string('R', 300)), Role.Viewer);

        Assert.True(result.Succeeded);
        var row = await RowAsync("rae@example.com");
        Assert.Equal((Role.Responder, "Acme SSO"), (row.Role, row.ExternalProvider));
        Assert.True(row.DisplayName.Length <= Dashboard.Data.Limits.PersonLength);
    }

    [Fact]
    public async Task An_account_is_linked_only_by_its_own_address_with_at_most_ASCII_case_changed()
    {
        await _app.UserAsync("admin@example.com", "Ada Admin", Role.Admin);

        // Upper-cased, "admın" (dotless ı) and "ſam" (long s) read as ADMIN and SAM: Identity's lookup finds the account.
        var lookalike = await Users.SignInExternalAsync(Who("mallory", "adm\u0131n@example.com", mapped: Role.Owner), Role.Viewer);
        var sameAddress = await Users.SignInExternalAsync(Who("ada", "Admin@EXAMPLE.com"), Role.Viewer);

        Assert.Equal(Outcome.Invalid, lookalike.Outcome);
        Assert.Contains("Email", lookalike.Errors.Keys);
        Assert.True(sameAddress.Succeeded);
        Assert.Equal("admin@example.com", sameAddress.Key);
        await using var db = _app.Database.CreateDbContext();
        Assert.Equal(["ada"], db.UserLogins.Select(l => l.ProviderKey).ToList());
        Assert.Equal(Role.Admin, (await RowAsync("admin@example.com")).Role);
        Assert.Single(await _app.Get<UserQueries>().ListAsync());
    }

    [Theory]
    [InlineData("admin@example.com", "ADMIN@example.COM", true)]
    [InlineData("admin@example.com", "adm\u0131n@example.com", false)]
    [InlineData("sam@example.com", "\u017fam@example.com", false)]
    [InlineData("k@example.com", "\u212a@example.com", false)]
    [InlineData("j\u00f6rg@example.com", "j\u00f6rg@example.com", true)]
    [InlineData("j\u00f6rg@example.com", "J\u00d6RG@example.com", false)]
    public void Addresses_match_exactly_but_for_ASCII_case(string stored, string given, bool same) =>
        Assert.Equal(same, UserCommands.SameAddress(stored, given));
}

public sealed class ExternalSignInTestsOnPostgreSql : ExternalSignInTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
