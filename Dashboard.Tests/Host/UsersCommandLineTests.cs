using Dashboard.Tests.Infrastructure;
using Dashboard.Host.CommandLine;

namespace Dashboard.Tests.Host;

/// <summary>The operators' `users` commands against a real database, with no web host running.</summary>
public class UsersCommandLineTests : IAsyncLifetime
{
    /// <summary>The store these tests run on; <see cref="UsersCommandLineTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private CliDatabase _db = default!;

    public async Task InitializeAsync() => _db = await CliDatabase.CreateAsync(Store);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Code, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await UsersCommandLine.RunAsync(["users", .. args, .. _db.Settings], new StringReader(stdin), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_list_set_role_disable_and_reset_work_and_print_plain_results()
    {
        Assert.Equal((0, "added ana@example.com as admin\n", ""), await RunAsync("a long enough password\n", "add", "ana@example.com", "--role", "admin", "--name", "Ana Admin"));
        Assert.Equal(0, (await RunAsync("", "set-role", "ana@example.com", "viewer")).Code);
        Assert.Equal(0, (await RunAsync("", "disable", "ana@example.com")).Code);

        var list = await RunAsync("", "list");
        Assert.Equal("ana@example.com\tviewer\tAna Admin\tdisabled\n", list.Out);

        var reset = await RunAsync("", "reset-password", "ana@example.com");
        Assert.Equal(0, reset.Code);
        Assert.Matches(@"temporary password for ana@example\.com .*: [A-Za-z2-9]{16}\n$", reset.Out);
        Assert.EndsWith("must change password\n", (await RunAsync("", "list")).Out);
    }

    [Theory]
    [InlineData("", new[] { "add", "bob@example.com", "--role", "admin" }, "standard input")]
    [InlineData("a long enough password\n", new[] { "add", "bob@example.com" }, "--role")]
    [InlineData("a long enough password\n", new[] { "add", "bob@example.com", "--role", "king" }, "--role")]
    [InlineData("short\n", new[] { "add", "bob@example.com", "--role", "viewer" }, "Password:")]
    [InlineData("a long enough password\n", new[] { "add", "not-an-email", "--role", "viewer" }, "is not an email address")]
    [InlineData("", new[] { "set-role", "nobody@example.com", "admin" }, "No user has the email nobody@example.com.")]
    [InlineData("", new[] { "set-role", "nobody@example.com", "emperor" }, "'emperor' is not a role")]
    [InlineData("", new[] { "frobnicate" }, "Usage:")]
    public async Task Bad_input_exits_non_zero_with_a_clear_message_and_writes_nothing(string stdin, string[] args, string message)
    {
        var (code, output, error) = await RunAsync(stdin, args);

        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Equal("", output);
        Assert.Equal("", (await RunAsync("", "list")).Out);
    }
}

public sealed class UsersCommandLineTestsOnPostgreSql : UsersCommandLineTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
