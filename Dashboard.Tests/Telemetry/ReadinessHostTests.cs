using System.Net;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Host.Cluster;

namespace Dashboard.Tests.Telemetry;

/// <summary>/healthz/ready follows the database: not ready while it is gone, ready again once it is back; /healthz/live does not care.</summary>
public sealed class ReadinessHostTests
{
    [Fact]
    public async Task Readiness_fails_while_the_database_file_is_gone_and_recovers_when_it_is_back()
    {
        await using var app = new AppFactory();
        var operator_ = TestPeer.From(app.CreateClient(), "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await operator_.GetAsync("/healthz/ready")).StatusCode);

        // Move the database away and leave an empty file in its place, as a lost volume would.
        var aside = app.DatabasePath + ".aside";
        SqliteConnection.ClearAllPools();
        File.Move(app.DatabasePath, aside);
        await File.WriteAllBytesAsync(app.DatabasePath, []);
        try
        {
            var down = await operator_.GetAsync("/healthz/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            using var json = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
            Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
            var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks["database"]);
            Assert.Equal("Unhealthy", checks["migrations"]);
            // Strangers get the word only: the error text names tables and paths.
            var stranger = await TestPeer.From(app.CreateClient(), "203.0.113.7").GetAsync("/healthz/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stranger.StatusCode);
            Assert.Equal("Unhealthy", await stranger.Content.ReadAsStringAsync());
            // The process still runs: liveness does not send it to a restart for a database problem.
            Assert.Equal(HttpStatusCode.OK, (await operator_.GetAsync("/healthz/live")).StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Move(aside, app.DatabasePath, overwrite: true);
            foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(app.DatabasePath + suffix);
        }

        var back = await operator_.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }
}

/// <summary>On PostgreSQL readiness also waits for the change relay to listen.</summary>
public sealed class ReadinessOnPostgreSqlHostTests(PostgresMetricsAppFactory app) : IClassFixture<PostgresMetricsAppFactory>
{
    [Fact]
    public async Task Readiness_includes_the_change_relay_on_postgresql()
    {
        var ready = await TestPeer.From(app.CreateClient(), "127.0.0.1").GetAsync("/healthz/ready");
        var body = await ready.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(["change-relay", "database", "migrations"], checks.Keys.Order());
        // The relay starts listening in the background; readiness says so until it does.
        if (checks["change-relay"] != "Healthy")
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            await app.Services.GetRequiredService<Dashboard.Host.Cluster.PostgresChangeRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
            ready = await TestPeer.From(app.CreateClient(), "127.0.0.1").GetAsync("/healthz/ready");
        }
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
