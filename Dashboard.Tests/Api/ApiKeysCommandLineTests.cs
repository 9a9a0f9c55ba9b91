using Dashboard.Account;
using Dashboard.Api;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Api;

/// <summary>The operators' `api-keys` commands against a real database file, with no web host running.</summary>
public sealed class ApiKeysCommandLineTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"ib-cli-{Guid.NewGuid():N}.db");

    private string[] Settings => [$"--ConnectionStrings:IncidentBoard=Data Source={_db}", "--Seed:Enabled=false"];

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ApiKeysCommandLine.RunAsync(["api-keys", .. args, .. Settings], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_prints_the_key_once_list_shows_only_its_start_and_revoke_stops_it()
    {
        Assert.Equal(0, await UsersCommandLine.RunAsync(["users", "add", "ana@example.com", "--role", "responder", .. Settings],
            new StringReader("a long enough password\n"), new StringWriter(), new StringWriter()));

        var created = await RunAsync("create", "deploy bot", "--owner", "ana@example.com", "--role", "responder", "--expires", "2099-01-01");
        Assert.Equal(0, created.Code);
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_db + suffix);
    }
}
