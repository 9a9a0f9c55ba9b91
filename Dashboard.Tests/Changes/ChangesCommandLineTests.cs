using Dashboard.Data.Audit;
using Dashboard.Data.Catalog;
using Dashboard.Data.Changes;
using Dashboard.Host.CommandLine;
using Dashboard.Data;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Changes;

/// <summary>`changes add` for deploy scripts, against a real database with no web host running.</summary>
public class ChangesCommandLineTests : IAsyncLifetime
{
    /// <summary>The store these tests run on; <see cref="ChangesCommandLineTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private CliDatabase _db = default!;
    private ServiceProvider _data = default!;

    private static readonly string[] Good =
    [
        "add", "--kind", "deploy", "--services", "checkout, payments", "--start", "2026-03-02T09:15:00Z", "--end", "2026-03-02 09:20",
        "--author", "deploy-bot", "--title", "Deploy checkout 4.2.0", "--environment", "production",
        "--link", "https://git.example.com/checkout/pull/42", "--labels", "team:shop,canary", "--external-id", "gh-deploy-9001",
    ];

    public async Task InitializeAsync()
    {
        _db = await CliDatabase.CreateAsync(Store);
        _data = new ServiceCollection().AddLogging().AddIncidentBoardData(_db.Options).BuildServiceProvider();
        await using (var db = await _data.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        foreach (var key in new[] { "checkout", "payments" })
            Assert.True((await _data.GetRequiredService<ServiceCatalogCommands>().CreateAsync(Actor.System, new ServiceInput { Key = key, Name = key, Group = "Shop" })).Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _data.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ChangesCommandLine.RunAsync(["changes", .. args, .. _db.Settings], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_records_every_option_through_the_door_as_the_system_via_the_command_line_and_prints_the_id()
    {
        var (code, output, error) = await RunAsync(Good);

        Assert.True(code == 0, error);
        var id = int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var change = (await _data.GetRequiredService<ChangeQueries>().GetAsync(Actor.System, id))!;
        Assert.Equal(
            ("gh-deploy-9001", ChangeKind.Deploy, "Deploy checkout 4.2.0", "production", "deploy-bot", "https://git.example.com/checkout/pull/42", "cli"),
            (change.ExternalId, change.Kind, change.Title, change.Environment, change.Author, change.Link, change.Origin));
        Assert.Equal(["checkout", "payments"], change.Services);
        Assert.Equal(["team:shop", "canary"], change.Labels);
        Assert.Equal((new DateTime(2026, 3, 2, 9, 15, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 9, 20, 0, DateTimeKind.Utc)), (change.StartedAt, change.EndedAt!.Value));

        await using var db = await _data.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ChangeRecorded);
        Assert.Equal((ActorKind.System, ChangeSource.Cli, "gh-deploy-9001"), (audit.ActorKind, audit.Source, audit.EntityKey));
    }

    [Fact]
    public async Task The_same_external_id_sent_again_prints_the_stored_id_and_adds_nothing()
    {
        var first = await RunAsync(Good);
        var again = await RunAsync(Good);

        Assert.Equal((0, 0), (first.Code, again.Code));
        Assert.Equal(first.Out, again.Out);
        Assert.Contains("Already stored", again.Error);
        await using var db = await _data.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.ChangeEvents.CountAsync());
    }

    [Theory]
    [InlineData(new[] { "add", "--services", "checkout", "--start", "2026-03-02T09:15:00Z", "--author", "a", "--title", "t" }, "--kind: The kind is required")]
    [InlineData(new[] { "add", "--kind", "rollout", "--services", "checkout", "--start", "2026-03-02T09:15:00Z", "--author", "a", "--title", "t" }, "--kind: 'rollout' is not a kind of change")]
    [InlineData(new[] { "add", "--kind", "deploy", "--services", "checkout,nowhere", "--start", "2026-03-02T09:15:00Z", "--author", "a", "--title", "t" }, "--services (item 2): 'nowhere' is not a service in the catalog")]
    [InlineData(new[] { "add", "--kind", "deploy", "--services", "checkout", "--start", "yesterday", "--author", "a", "--title", "t" }, "--start: 'yesterday' is not a time")]
    [InlineData(new[] { "add", "--kind", "deploy", "--services", "checkout", "--start", "2026-03-02T09:15:00Z", "--end", "2026-03-02T09:00:00Z", "--author", "a", "--title", "t" }, "--end: The end")]
    [InlineData(new[] { "add", "--kind", "deploy", "--services", "checkout", "--start", "2026-03-02T09:15:00Z", "--author", "a", "--title", "t", "--link", "javascript:alert(1)" }, "--link: The link must be an http or https address")]
    [InlineData(new[] { "add", "--kind", "deploy", "--services", "checkout", "--start", "2026-03-02T09:15:00Z", "--author", "a", "--titel", "t" }, "--titel is not an option of changes add")]
    [InlineData(new[] { "add", "--kind", "deploy", "--services", "checkout", "--start", "2026-03-02T09:15:00Z", "--author", "a", "--title" }, "--title needs a value")]
    [InlineData(new[] { "remove", "42" }, "Usage:")]
    public async Task Bad_input_exits_non_zero_naming_the_option_and_stores_nothing(string[] args, string message)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Equal("", output);
        await using var db = await _data.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.ChangeEvents.CountAsync());
    }
}

/// <summary>The same command on an install with Database:Provider=PostgreSQL.</summary>
public sealed class ChangesCommandLineTestsOnPostgreSql : ChangesCommandLineTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
