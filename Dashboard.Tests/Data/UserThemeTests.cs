using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>One's own colour theme on real SQLite: remembered, cleared back to the device's setting, audited, unknown values refused.</summary>
public class UserThemeTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="UserThemeTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store, seed: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_chosen_theme_is_remembered_and_null_goes_back_to_the_device()
    {
        var users = _app.Get<UserCommands>();
        Assert.True((await users.CreateFirstOwnerAsync(new NewUserInput { Email = "olga@example.com", DisplayName = "Olga", Password = "correct horse battery" })).Succeeded);
        var id = (await _app.Get<UserQueries>().ListAsync()).Single().Id;
        var olga = Actor.Person("olga@example.com", Role.Owner) with { UserId = id };
        Assert.Null(await _app.Get<UserQueries>().ThemeAsync(id));

        Assert.True((await users.SetThemeAsync(olga, UserThemes.Dark)).Succeeded);
        Assert.Equal("dark", await _app.Get<UserQueries>().ThemeAsync(id));

        var refused = await users.SetThemeAsync(olga, "purple");
        Assert.Equal(Outcome.Invalid, refused.Outcome);
        Assert.Contains("'purple'", refused.Errors[nameof(AppUser.Theme)]);
        Assert.Equal("dark", await _app.Get<UserQueries>().ThemeAsync(id));

        Assert.True((await users.SetThemeAsync(olga, null)).Succeeded);
        Assert.Null(await _app.Get<UserQueries>().ThemeAsync(id));
        var audited = await _app.Get<AuditQueries>().ListAsync(Actor.System, new AuditQuery(Action: "user.theme_changed"));
        Assert.Equal(2, audited.Items.Count);
    }

    [Fact]
    public async Task A_signed_out_reader_has_no_profile_to_keep_a_theme_in()
    {
        var result = await _app.Get<UserCommands>().SetThemeAsync(Actor.Person("anonymous", Role.Viewer), UserThemes.Light);
        Assert.Equal(Outcome.NotFound, result.Outcome);
    }
}

public sealed class UserThemeTestsOnPostgreSql : UserThemeTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
