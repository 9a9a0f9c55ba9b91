using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The real app, on a temporary SQLite file, seeded from <see cref="SeedDirectory"/>, with its
/// owner made at start from the Bootstrap settings (set <see cref="Bootstrap"/> to false to test the
/// first-run page).
/// </summary>
public partial class AppFactory : WebApplicationFactory<Program>
{
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerName = "Olivia Owner";
    public const string OwnerPassword = "correct horse battery staple";

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"ib-test-{Guid.NewGuid():N}.db");

    public string SeedDirectory { get; init; } = RepoPaths.SeedData;

    public bool Bootstrap { get; init; } = true;

    /// <summary>The store: a temporary SQLite file, or a fresh database on the test run's PostgreSQL.</summary>
    public DatabaseProvider Store { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL database: one given here is shared (several instances on one database)
    /// and left to its owner; otherwise one is made when the host is built and dropped on dispose.</summary>
    public string? PostgresConnectionString { get; init; }

    private string? _ownDatabase;

    /// <summary>Extra settings, e.g. Auth:AllowAnonymousRead.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Store == DatabaseProvider.PostgreSQL)
        {
            // ConfigureWebHost is synchronous; this runs once, before the host starts.
            var database = PostgresConnectionString ?? (_ownDatabase ??= PostgresServer.CreateEmptyAsync().GetAwaiter().GetResult());
            builder.UseSetting(DatabaseOptions.ProviderSetting, "PostgreSQL");
            builder.UseSetting("ConnectionStrings:IncidentBoard", database);
        }
        else builder.UseSetting("ConnectionStrings:IncidentBoard", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:Directory", SeedDirectory);
        if (Bootstrap)
        {
            builder.UseSetting("Bootstrap:OwnerEmail", OwnerEmail);
            builder.UseSetting("Bootstrap:OwnerPassword", OwnerPassword);
            builder.UseSetting("Bootstrap:OwnerName", OwnerName);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeer>());
    }

    /// <summary>A client signed in through the real sign-in form (antiforgery token and all), keeping its cookie.</summary>
    /// <summary>Where an app started on Kestrel (<c>UseKestrel(0)</c>) listens, as a base address ending in "/", for a browser or a client on the network.</summary>
    public static string ListeningUrl(IServiceProvider app) =>
        app.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/') + "/";

    public async Task<HttpClient> SignedInClientAsync(string email = OwnerEmail, string password = OwnerPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>Posts the sign-in form with the hidden fields the page rendered.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var fields = HiddenInput().Matches(form).DistinctBy(m => m.Groups["name"].Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownDatabase is { } own) PostgresServer.DropAsync(own).GetAwaiter().GetResult();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
            File.Delete(DatabasePath + suffix);
    }
}

/// <summary>The real app on a fresh PostgreSQL database, for the host tests run on both stores.</summary>
public sealed class PostgresAppFactory : AppFactory
{
    public PostgresAppFactory() => Store = DatabaseProvider.PostgreSQL;

    /// <summary>The app's database refuses every new connection and drops the open ones: as far as the app can tell, it is down.</summary>
    public static Task StopDatabaseAsync(IServiceProvider app) => AllowConnectionsAsync(app, false);

    public static Task StartDatabaseAsync(IServiceProvider app) => AllowConnectionsAsync(app, true);

    private static async Task AllowConnectionsAsync(IServiceProvider app, bool allow)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(app.GetRequiredService<DatabaseOptions>().ConnectionString).Database;
        await using var admin = new Npgsql.NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        await using (var alter = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin)) await alter.ExecuteNonQueryAsync();
        if (allow) return;
        await using var kill = new Npgsql.NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'", admin);
        await kill.ExecuteNonQueryAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
