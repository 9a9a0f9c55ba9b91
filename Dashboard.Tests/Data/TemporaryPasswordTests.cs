using Dashboard.Data.ApiKeys;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

/// <summary>A temporary password is only good for choosing one's own: the data layer refuses the rest too.</summary>
public class TemporaryPasswordTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private TestServices _app = default!;

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(Store, seed: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_account_with_a_temporary_password_makes_no_API_key_until_it_is_changed()
    {
        const string temporary = "a temporary password", chosen = "a password of my own choosing";
        Assert.True((await _app.Get<UserCommands>().CreateAsync(TestServices.Owner, new NewUserInput
        {
            Email = "tim@example.com", DisplayName = "Tim", Role = Role.Responder, Password = temporary, MustChangePassword = true,
        })).Succeeded);
        var tim = Actor.Person("tim@example.com", Role.Responder) with { UserId = (await _app.Get<UserQueries>().ListAsync()).Single().Id };
        var keys = _app.Get<ApiKeyCommands>();

        var refused = await keys.CreateAsync(tim, new ApiKeyInput { Name = "deploy bot", Role = Role.Viewer });
        Assert.True((await _app.Get<UserCommands>().ChangeOwnPasswordAsync(tim, temporary, chosen)).Succeeded);
        var made = await keys.CreateAsync(tim, new ApiKeyInput { Name = "deploy bot", Role = Role.Viewer });

        Assert.Equal((Outcome.Forbidden, (string?)null), (refused.Result.Outcome, refused.Key));
        Assert.True(made.Result.Succeeded);
        Assert.Single(await _app.Get<ApiKeyQueries>().ListAsync(tim));
    }
}

public sealed class TemporaryPasswordTestsOnPostgreSql : TemporaryPasswordTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
