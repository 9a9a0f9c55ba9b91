using Dashboard.Tests.Infrastructure;
using Dashboard.Host.CommandLine;

namespace Dashboard.Tests.Api;

/// <summary>The operators' `api-keys` commands against a real database, with no web host running.</summary>
public class ApiKeysCommandLineTests : IAsyncLifetime
{
    /// <summary>The store these tests run on; <see cref="ApiKeysCommandLineTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private CliDatabase _db = default!;

    public async Task InitializeAsync() => _db = await CliDatabase.CreateAsync(Store);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ApiKeysCommandLine.RunAsync(["api-keys", .. args, .. _db.Settings], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_prints_the_key_once_list_shows_only_its_start_and_revoke_stops_it()
    {
        Assert.Equal(0, await UsersCommandLine.RunAsync(["users", "add", "ana@example.com", "--role", "responder", .. _db.Settings],
            new StringReader("a long enough password\n"), new StringWriter(), new StringWriter()));

        var created = await RunAsync("create", "deploy bot", "--owner", "ana@example.com", "--role", "responder", "--expires", "2099-01-01");
        Assert.True(created.Code == 0, created.Error);
        Assert.Matches("^ib_[a-z0-9]{8}_[A-Za-z0-9]{43}\n$", created.Out);
        Assert.Contains("shown only now", created.Error);

        var list = await RunAsync("list");
        var start = created.Out[..11];
        Assert.StartsWith($"{start}\tdeploy bot\tana@example.com\tresponder\tactive\tnever used", list.Out);
        Assert.DoesNotContain(created.Out.Trim()[12..], list.Out);

        Assert.Equal(0, (await RunAsync("revoke", start)).Code);
        Assert.Contains("\trevoked\t", (await RunAsync("list")).Out);
    }

    [Theory]
    [InlineData(new[] { "create", "x", "--role", "viewer" }, "--owner")]
    [InlineData(new[] { "create", "x", "--owner", "ana@example.com" }, "--role")]
    [InlineData(new[] { "create", "x", "--owner", "nobody@example.com", "--role", "viewer" }, "no user has the email")]
    [InlineData(new[] { "create", "x", "--owner", "nobody@example.com", "--role", "viewer", "--expires", "soon" }, "is not a date")]
    [InlineData(new[] { "revoke", "ib_zzzzzzzz" }, "No API key starts")]
    [InlineData(new[] { "frobnicate" }, "Usage:")]
    public async Task Bad_input_exits_non_zero_with_a_clear_message(string[] args, string message)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Equal("", output);
    }
}

/// <summary>The same commands on an install with Database:Provider=PostgreSQL.</summary>
public sealed class ApiKeysCommandLineTestsOnPostgreSql : ApiKeysCommandLineTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
