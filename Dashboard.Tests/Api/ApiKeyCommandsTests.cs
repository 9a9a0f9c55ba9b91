using Dashboard.Data.ApiKeys;
using Dashboard.Data.Identity;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Api;

/// <summary>API keys on real SQLite: made and revoked through the door, stored hashed, checked on every use.</summary>
public sealed class ApiKeyCommandsTests : IAsyncLifetime
{
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private TestServices _app = default!;
    private ApiKeyCommands Commands => _app.Get<ApiKeyCommands>();
    private ApiKeyQueries Queries => _app.Get<ApiKeyQueries>();

    public async Task InitializeAsync() => _app = await TestServices.CreateAsync(seed: false, clock: _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> KeyAsync(Actor owner, string name, Role role, DateTime? expires = null)
    {
        var made = await Commands.CreateAsync(owner, new ApiKeyInput { Name = name, Role = role, ExpiresAt = expires });
        Assert.True(made.Result.Succeeded, string.Join("; ", made.Result.Errors.Values));
        return made.Key!;
    }

    [Fact]
    public async Task A_new_key_is_recognisable_stored_only_as_a_hash_and_audited_under_its_owner()
    {
        var rita = await _app.UserAsync("rita@example.com", "Rita", Role.Responder);

        var key = await KeyAsync(rita, "deploy bot", Role.Responder);

        Assert.Matches("^ib_[a-z0-9]{8}_[A-Za-z0-9]{43}$", key);
        await using var db = _app.Database.CreateDbContext();
        var row = await db.ApiKeys.SingleAsync();
        Assert.DoesNotContain(row.SecretHash, key);
        Assert.Equal(ApiKeySecret.Hash(key[12..]), row.SecretHash);
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "api_key.created");
        Assert.Equal("rita@example.com", audit.Actor);
        Assert.Equal(key[..11], audit.EntityKey);
        Assert.DoesNotContain(key[12..], audit.Changes!);
        Assert.DoesNotContain(row.SecretHash, audit.Changes!);
    }

    [Fact]
    public async Task A_key_acts_as_itself_with_the_audit_name_and_at_most_its_owners_current_role()
    {
        var rita = await _app.UserAsync("rita@example.com", "Rita", Role.Admin);
        var key = await KeyAsync(rita, "ops", Role.Admin);

        var identity = await Queries.AuthenticateAsync(key);
        Assert.NotNull(identity);
        Assert.Equal("API key ops (owner rita@example.com)", identity.Actor.Name);
        Assert.Equal(ActorKind.ApiKey, identity.Actor.Kind);
        Assert.Equal(rita.UserId, identity.Actor.UserId);
        Assert.Equal(Role.Admin, identity.Role);

        Assert.True((await _app.Get<UserCommands>().SetRoleAsync(TestServices.Owner, rita.UserId!, Role.Viewer)).Succeeded);
        Assert.Equal(Role.Viewer, (await Queries.AuthenticateAsync(key))!.Role);
    }

    [Fact]
    public async Task A_role_above_the_owners_an_empty_name_or_a_past_expiry_is_refused_whole()
    {
        var vic = await _app.UserAsync("vic@example.com", "Vic", Role.Viewer);

        var above = await Commands.CreateAsync(vic, new ApiKeyInput { Name = "x", Role = Role.Responder });
        var empty = await Commands.CreateAsync(vic, new ApiKeyInput { Name = " ", Role = Role.Viewer, ExpiresAt = _clock.GetUtcNow().UtcDateTime.AddDays(-1) });

        Assert.Equal(Outcome.Invalid, above.Result.Outcome);
        Assert.Contains("may not do more than its owner", above.Result.Errors["Role"]);
        Assert.Null(above.Key);
        Assert.Equal(["ExpiresAt", "Name"], empty.Result.Errors.Keys.Order());
        await using var db = _app.Database.CreateDbContext();
        Assert.Equal(0, await db.ApiKeys.CountAsync());
    }

    [Fact]
    public async Task Revoked_expired_wrong_or_disabled_owners_keys_are_refused_at_once()
    {
        var rita = await _app.UserAsync("rita@example.com", "Rita", Role.Responder);
        var now = _clock.GetUtcNow().UtcDateTime;
        var revoked = await KeyAsync(rita, "revoked", Role.Viewer);
        var expiring = await KeyAsync(rita, "expiring", Role.Viewer, now.AddHours(1));
        Assert.NotNull(await Queries.AuthenticateAsync(revoked));
        Assert.NotNull(await Queries.AuthenticateAsync(expiring));

        var id = (await Queries.ListAsync(rita)).Single(k => k.Name == "revoked").Id;
        Assert.True((await Commands.RevokeAsync(rita, id)).Succeeded);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(await Queries.AuthenticateAsync(revoked));
        Assert.Null(await Queries.AuthenticateAsync(expiring));
        Assert.Null(await Queries.AuthenticateAsync(revoked[..^1] + (revoked[^1] == 'a' ? 'b' : 'a')));
        Assert.Null(await Queries.AuthenticateAsync("ib_nothing"));

        var other = await KeyAsync(rita, "other", Role.Viewer);
        Assert.True((await _app.Get<UserCommands>().SetDisabledAsync(TestServices.Owner, rita.UserId!, true)).Succeeded);
        Assert.Null(await Queries.AuthenticateAsync(other));
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var rita = await _app.UserAsync("rita@example.com", "Rita", Role.Responder);
        var key = await KeyAsync(rita, "busy", Role.Viewer);
        var first = _clock.GetUtcNow().UtcDateTime;

        await Queries.AuthenticateAsync(key);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Queries.AuthenticateAsync(key);
        Assert.Equal(first, (await Queries.ListAsync(rita)).Single().LastUsedAt);

        _clock.Advance(TimeSpan.FromSeconds(31));
        await Queries.AuthenticateAsync(key);
        Assert.Equal(first.AddSeconds(61), (await Queries.ListAsync(rita)).Single().LastUsedAt);
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_sees_and_revokes_a_key_and_revoking_is_audited()
    {
        var rita = await _app.UserAsync("rita@example.com", "Rita", Role.Responder);
        var sam = await _app.UserAsync("sam@example.com", "Sam", Role.Responder);
        var ada = await _app.UserAsync("ada@example.com", "Ada", Role.Admin);
        await KeyAsync(rita, "rita's", Role.Viewer);
        var id = (await Queries.ListAsync(rita)).Single().Id;

        Assert.Empty(await Queries.ListAsync(sam, everyone: true));
        Assert.Single(await Queries.ListAsync(ada, everyone: true));
        Assert.Equal(Outcome.NotFound, (await Commands.RevokeAsync(sam, id)).Outcome);
        Assert.True((await Commands.RevokeAsync(ada, id)).Succeeded);
        Assert.Equal(Outcome.Invalid, (await Commands.RevokeAsync(rita, id)).Outcome);

        await using var db = _app.Database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "api_key.revoked");
        Assert.Equal("ada@example.com", audit.Actor);
    }

    [Fact]
    public async Task An_admin_or_the_command_line_makes_keys_for_others_but_a_responder_may_not()
    {
        var rita = await _app.UserAsync("rita@example.com", "Rita", Role.Responder);
        var ada = await _app.UserAsync("ada@example.com", "Ada", Role.Admin);

        var byRita = await Commands.CreateAsync(rita, new ApiKeyInput { Name = "x", OwnerEmail = "ada@example.com" });
        var byAda = await Commands.CreateAsync(ada, new ApiKeyInput { Name = "x", OwnerEmail = "rita@example.com", Role = Role.Responder });
        var bySystem = await Commands.CreateAsync(Actor.System.Via(ChangeSource.Cli), new ApiKeyInput { Name = "y", OwnerEmail = "RITA@example.com" });
        var nobody = await Commands.CreateAsync(Actor.System, new ApiKeyInput { Name = "z", OwnerEmail = "nobody@example.com" });

        Assert.Equal(Outcome.Forbidden, byRita.Result.Outcome);
        Assert.True(byAda.Result.Succeeded);
        Assert.True(bySystem.Result.Succeeded);
        Assert.Contains("no user has the email", nobody.Result.Errors["OwnerEmail"]);
        Assert.Equal(["x", "y"], (await Queries.ListAsync(rita)).Select(k => k.Name).Order());
    }
}
