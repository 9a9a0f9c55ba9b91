using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Host.CommandLine;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// SQLite has no relay between instances, so one file serves one app instance: a second refuses to
/// start and says to use PostgreSQL, while the short-lived command-line verbs still work beside the app.
/// </summary>
public sealed class SqliteSingleInstanceTests
{
    [Fact]
    public async Task A_second_app_on_the_same_SQLite_file_refuses_to_start_and_says_to_use_PostgreSQL()
    {
        await using var first = new AppFactory();
        _ = first.Services;
        await using var second = new AppFactory { Settings = { ["ConnectionStrings:IncidentBoard"] = $"Data Source={first.DatabasePath}" } };

        var refused = Record.Exception(() => second.Services);

        Assert.NotNull(refused);
        var reason = Flatten(refused).FirstOrDefault(e => e.Message.Contains("PostgreSQL"));
        Assert.True(reason is not null, $"The refusal does not say to use PostgreSQL: {refused}");
        Assert.Contains(first.DatabasePath, reason.Message);
        Assert.Contains("Another IncidentBoard instance", reason.Message);
        // The first instance is untouched and still serves.
        Assert.Contains("Cloudflare", await (await first.SignedInClientAsync()).GetStringAsync("/incidents/2025-11-18-cloudflare-bot-management"));
    }

    [Fact]
    public async Task The_command_line_verbs_still_work_beside_the_running_app()
    {
        await using var app = new AppFactory();
        _ = app.Services;
        var database = $"--ConnectionStrings:IncidentBoard=Data Source={app.DatabasePath}";
        var output = new StringWriter();
        var error = new StringWriter();

        var users = await UsersCommandLine.RunAsync(["users", "list", database], new StringReader(""), output, error);
        var backupFile = Path.Combine(Path.GetTempPath(), $"ib-backup-{Guid.NewGuid():N}.db");
        try
        {
            var backup = DatabaseCommands.Run(["backup", backupFile, database], output);

            Assert.Equal(0, users);
            Assert.Contains(AppFactory.OwnerEmail, output.ToString());
            Assert.Equal(0, backup);
        }
        finally
        {
            File.Delete(backupFile);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        if (e is AggregateException aggregate)
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        else if (e.InnerException is { } inner)
            foreach (var deeper in Flatten(inner)) yield return deeper;
    }
}
