using System.Net;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Host;

public class AppHostTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _factory;

    public AppHostTests(AppFactory factory) => _factory = factory;

    [Fact]
    public async Task The_home_page_lists_incidents()
    {
        var html = await (await _factory.SignedInClientAsync()).GetStringAsync("/");

        Assert.Contains("Incidents", html);
        Assert.Contains("Declare incident", html);
    }

    [Theory]
    [InlineData("/incidents", "href=\"incidents/2025-11-18-cloudflare-bot-management\"", "1–6 of 6")]
    [InlineData("/actions", "Harden ingestion of Cloudflare-generated configuration files", "1–25 of 33")]
    [InlineData("/services", "href=\"services/aws-connect\"", "1–25 of 41")]
    public async Task Lists_are_prerendered_with_their_first_page_of_rows(string path, string row, string range)
    {
        // What a slow connection shows before the circuit is up: rows with links, never "0-0 of 0".
        var html = WebUtility.HtmlDecode(await (await _factory.SignedInClientAsync()).GetStringAsync(path));

        Assert.Contains(row, html);
        Assert.Contains(range, html);
        Assert.DoesNotContain("0-0 of 0", html);
    }

    [Fact]
    public async Task A_list_whose_first_page_is_empty_is_prerendered_with_what_it_says_when_empty()
    {
        var html = WebUtility.HtmlDecode(await (await _factory.SignedInClientAsync()).GetStringAsync("/actions?q=no-action-is-called-this"));

        Assert.Contains("No action matches these filters.", html);
        Assert.DoesNotContain("Loading actions", html);
    }

    [Fact]
    public async Task The_Cloudflare_incident_page_renders_its_phase_times()
    {
        var response = await (await _factory.SignedInClientAsync()).GetAsync("/incidents/2025-11-18-cloudflare-bot-management");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bot Management", html);
        Assert.Contains("2025-11-18 11:20", html);
        Assert.Contains("2025-11-18 17:06", html);
        Assert.Contains("5 h 46 m", html);
    }

    [Theory]
    [InlineData("/incidents/does-not-exist")]
    [InlineData("/incidents/does-not-exist/postmortem")]
    [InlineData("/incidents/does-not-exist/summary")]
    [InlineData("/incidents/does-not-exist/edit")]
    [InlineData("/services/no-such-service")]
    public async Task A_missing_incident_or_service_answers_404_with_the_not_found_page(string path)
    {
        var response = await (await _factory.SignedInClientAsync()).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_is_healthy_when_the_database_answers()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_status_page_lists_the_imported_seed_files()
    {
        var html = await (await _factory.SignedInClientAsync()).GetStringAsync("/status");

        Assert.Contains("2025-11-18-cloudflare.json", html);
        Assert.Contains("services.json", html);
    }

    [Fact]
    public async Task An_unknown_incident_says_so()
    {
        var response = await (await _factory.SignedInClientAsync()).GetAsync("/incidents/no-such-incident");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The same requests against the app on PostgreSQL.</summary>
public sealed class AppHostTestsOnPostgreSql(PostgresAppFactory factory) : AppHostTests(factory), IClassFixture<PostgresAppFactory>;

public sealed class BrokenDatabaseHostTests
{
    [Fact]
    public async Task Healthz_is_unhealthy_when_the_database_is_gone()
    {
        await using var factory = new AppFactory();
        var client = factory.CreateClient();
        // Replace the database with an empty file: the app is up but its data is not.
        SqliteConnection.ClearAllPools();
        File.Delete(factory.DatabasePath);
        await File.WriteAllBytesAsync(factory.DatabasePath, []);

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class RejectedSeedHostTests
{
    [Fact]
    public async Task A_seed_file_with_duplicated_rows_is_rejected_while_the_app_serves_the_others()
    {
        using var folder = new SeedFolder();
        var json = System.Text.Json.Nodes.JsonNode.Parse(folder.Read("2025-11-18-cloudflare.json"))!.AsObject();
        var timeline = json["timeline"]!.AsArray();
        foreach (var row in timeline.ToList()) timeline.Add(row!.DeepClone());
        folder.Write("2025-11-18-cloudflare.json", json.ToJsonString());
        await using var factory = new AppFactory { SeedDirectory = folder.Path };
        var client = await factory.SignedInClientAsync();

        var status = await client.GetStringAsync("/status");
        var aws = await client.GetAsync("/incidents/2025-10-20-aws-us-east-1-dynamodb-dns");
        var cloudflare = await client.GetAsync("/incidents/2025-11-18-cloudflare-bot-management");

        Assert.Contains("rejected", status);
        Assert.Contains("duplicate of timeline[0]", WebUtility.HtmlDecode(status));
        Assert.Equal(HttpStatusCode.OK, aws.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cloudflare.StatusCode);
        Assert.Contains("There is nothing at this address", await cloudflare.Content.ReadAsStringAsync());
    }
}
