using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>Accounts on real SQLite through Identity's own stores, written through the door.</summary>
public class UserCommandsTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="UserCommandsTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Password = "correct horse battery";
    private TestServices _app = default!;
    private UserCommands Users => _app.Get<UserCommands>();

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store, seed: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(Actor Actor, string Id)> OwnerAsync()
    {
        var created = await Users.CreateFirstOwnerAsync(new NewUserInput { Email = "owner@example.com", DisplayName = "Olga Owner", Password = Password });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        var row = (await _app.Get<UserQueries>().ListAsync()).Single();
        return (Actor.Person(row.Email, Role.Owner) with { UserId = row.Id }, row.Id);
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = _app.Provider.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await manager.FindByEmailAsync(email);
        return user is not null && await manager.CheckPasswordAsync(user, password);
    }

    [Fact]
    public async Task The_first_owner_is_made_once_and_can_sign_in_with_the_password()
    {
        await OwnerAsync();

        var again = await Users.CreateFirstOwnerAsync(new NewUserInput { Email = "other@example.com", DisplayName = "Other", Password = Password });

        Assert.Equal(Outcome.Invalid, again.Outcome);
        Assert.True(await PasswordWorksAsync("owner@example.com", Password));
        var row = Assert.Single(await _app.Get<UserQueries>().ListAsync());
        Assert.Equal(Role.Owner, row.Role);
        Assert.False(row.MustChangePassword);
    }

    [Fact]
    public async Task A_created_user_is_audited_without_secrets_and_must_change_the_temporary_password()
    {
        var (owner, _) = await OwnerAsync();

        var result = await Users.CreateAsync(owner, new NewUserInput { Email = "rita@example.com", DisplayName = "Rita", Role = Role.Responder, Password = "temporary pass 1" });

        Assert.True(result.Succeeded);
        var entry = (await _app.Get<AuditQueries>().ListAsync(Actor.System, new AuditQuery(Action: "user.created"))).Items.First(e => e.EntityKey == "rita@example.com");
        Assert.Equal(owner.Name, entry.Actor);
        Assert.Contains(entry.Changes, c => c.Field == "Role" && c.New == "Responder");
        Assert.DoesNotContain(entry.Changes, c => c.Field.Contains("Password", StringComparison.Ordinal) && c.Field != "MustChangePassword");
        Assert.True((await _app.Get<UserQueries>().ListAsync()).Single(u => u.Email == "rita@example.com").MustChangePassword);
    }

    [Fact]
    public async Task A_weak_password_or_a_used_email_is_refused_with_the_field_named()
    {
        var (owner, _) = await OwnerAsync();

        var weak = await Users.CreateAsync(owner, new NewUserInput { Email = "w@example.com", DisplayName = "W", Password = "short" });
        var taken = await Users.CreateAsync(owner, new NewUserInput { Email = "owner@example.com", DisplayName = "Dup", Password = Password });
        var bad = await Users.CreateAsync(owner, new NewUserInput { Email = "not an email", DisplayName = "", Password = Password });

        Assert.StartsWith("Password:", weak.Errors["Password"]);
        Assert.Contains("already has an account", taken.Errors["Email"]);
        Assert.Contains("is not an email address", bad.Errors["Email"]);
        Assert.Equal("Display name: required.", bad.Errors["DisplayName"]);
        Assert.Single(await _app.Get<UserQueries>().ListAsync());
    }

    [Fact]
    public async Task Admins_manage_viewers_and_responders_but_not_admins_or_owners()
    {
        var (owner, ownerId) = await OwnerAsync();
        await Users.CreateAsync(owner, new NewUserInput { Email = "ada@example.com", DisplayName = "Ada", Role = Role.Admin, Password = Password });
        await Users.CreateAsync(owner, new NewUserInput { Email = "rob@example.com", DisplayName = "Rob", Role = Role.Responder, Password = Password });
        var users = await _app.Get<UserQueries>().ListAsync();
        var admin = Actor.Person("ada@example.com", Role.Admin) with { UserId = users.Single(u => u.Email == "ada@example.com").Id };
        var rob = users.Single(u => u.Email == "rob@example.com").Id;

        Assert.True((await Users.SetRoleAsync(admin, rob, Role.Viewer)).Succeeded);
        Assert.Equal(Outcome.Forbidden, (await Users.SetRoleAsync(admin, rob, Role.Admin)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await Users.SetDisabledAsync(admin, ownerId, true)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await Users.CreateAsync(admin, new NewUserInput { Email = "o2@example.com", DisplayName = "O2", Role = Role.Owner, Password = Password })).Outcome);
        Assert.Equal(Outcome.Forbidden, (await Users.SetRoleAsync(Actor.Person("rob@example.com", Role.Responder), rob, Role.Viewer)).Outcome);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted_or_disabled()
    {
        var (owner, ownerId) = await OwnerAsync();

        Assert.Contains("last owner", (await Users.SetRoleAsync(owner, ownerId, Role.Admin)).Errors["Role"]);
        Assert.Equal(Outcome.Invalid, (await Users.SetDisabledAsync(owner with { UserId = null }, ownerId, true)).Outcome);
        Assert.Equal(Role.Owner, (await _app.Get<UserQueries>().ListAsync()).Single().Role);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_a_reset_password_replaces_the_old_one()
    {
        var (owner, _) = await OwnerAsync();
        await Users.CreateAsync(owner, new NewUserInput { Email = "dan@example.com", DisplayName = "Dan", Password = Password });
        var dan = (await _app.Get<UserQueries>().ListAsync()).Single(u => u.Email == "dan@example.com").Id;

        Assert.True((await Users.ResetPasswordAsync(owner, dan, "a brand new temporary")).Succeeded);
        Assert.False(await PasswordWorksAsync("dan@example.com", Password));
        Assert.True(await PasswordWorksAsync("dan@example.com", "a brand new temporary"));

        Assert.True((await Users.SetDisabledAsync(owner, dan, true)).Succeeded);
        await using var scope = _app.Provider.CreateAsyncScope();
        var confirmation = new EnabledUsersOnly();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.False(await confirmation.IsConfirmedAsync(manager, (await manager.FindByEmailAsync("dan@example.com"))!));
    }

    [Fact]
    public async Task Changing_ones_own_password_needs_the_current_one_and_clears_the_forced_change()
    {
        var (owner, _) = await OwnerAsync();
        await Users.CreateAsync(owner, new NewUserInput { Email = "tess@example.com", DisplayName = "Tess", Password = "temporary pass 1" });
        var tess = Actor.Person("tess@example.com", Role.Responder) with { UserId = (await _app.Get<UserQueries>().ListAsync()).Single(u => u.Email == "tess@example.com").Id };

        Assert.Contains("not right", (await Users.ChangeOwnPasswordAsync(tess, "wrong", "another long password")).Errors["CurrentPassword"]);
        Assert.True((await Users.ChangeOwnPasswordAsync(tess, "temporary pass 1", "another long password")).Succeeded);

        Assert.True(await PasswordWorksAsync("tess@example.com", "another long password"));
        Assert.False((await _app.Get<UserQueries>().ListAsync()).Single(u => u.Email == "tess@example.com").MustChangePassword);
    }
}

public sealed class UserCommandsTestsOnPostgreSql : UserCommandsTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
