using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Dashboard.Account;

namespace Dashboard.Tests.Data;

/// <summary>The door's side of single sign-on, on real SQLite: what the provider's claims may and may not do to an account.</summary>
public class ExternalSignInTests() : DataTest(seed: false)
{
    private UserCommands Users => App.Get<UserCommands>();

    private static ExternalIdentity Who(string sub, string email, Role? mapped = null, bool verified = true, string? name = null) =>
        new("oidc", "Acme SSO", sub, email, verified, name ?? sub, mapped);

    private async Task<UserRow> RowAsync(string email) => (await App.Get<UserQueries>().ListAsync()).Single(u => u.Email == email);

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
        Assert.Empty(await App.Get<UserQueries>().ListAsync());
    }

    [Fact]
    public async Task A_new_person_gets_the_mapped_role_the_provider_name_and_a_long_name_cut_to_fit()
    {
        await Users.SignInExternalAsync(Who("o1", "owner@example.com"), Role.Viewer);

        var result = await Users.SignInExternalAsync(Who("r1", "rae@example.com", mapped: Role.Responder, name: new string('R', 300)), Role.Viewer);

        Assert.True(result.Succeeded);
        var row = await RowAsync("rae@example.com");
        Assert.Equal((Role.Responder, "Acme SSO"), (row.Role, row.ExternalProvider));
        Assert.True(row.DisplayName.Length <= Limits.PersonLength);
    }

    [Theory]
    [InlineData("sam@example.com", "\u017fam@example.com")]    // ſ (long s): upper-cased it is S, so Identity's lookup finds sam@
    [InlineData("kate@example.com", "\u212aate@example.com")]  // K (Kelvin sign)
    [InlineData("admin@example.com", "adm\u0131n@example.com")] // ı (dotless i): .NET's invariant upper case keeps it, but no rule should rest on that
    public async Task An_account_is_linked_only_by_its_own_address_with_at_most_ASCII_case_changed(string address, string lookalike)
    {
        await App.UserAsync(address, "Ada Admin", Role.Admin);

        var refused = await Users.SignInExternalAsync(Who("mallory", lookalike, mapped: Role.Owner), Role.Viewer);
        var linked = await Users.SignInExternalAsync(Who("ada", address.ToUpperInvariant()), Role.Viewer);

        Assert.Equal(Outcome.Invalid, refused.Outcome);
        Assert.Contains("Email", refused.Errors.Keys);
        Assert.True(linked.Succeeded);
        Assert.Equal(address, linked.Key);
        await using var db = App.Database.CreateDbContext();
        Assert.Equal(["ada"], db.UserLogins.Select(l => l.ProviderKey).ToList());
        Assert.Equal(Role.Admin, (await RowAsync(address)).Role);
        Assert.Single(await App.Get<UserQueries>().ListAsync());
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
