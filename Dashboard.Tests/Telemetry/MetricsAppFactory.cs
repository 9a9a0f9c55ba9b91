using Dashboard.Host.Telemetry;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Telemetry;

/// <summary>The real app with a metrics token set; reads /metrics as the operator's scraper would.</summary>
public class MetricsAppFactory : AppFactory
{
    public const string Token = "metrics-token-for-tests-0123456789";

    public MetricsAppFactory() => Settings["Metrics:BearerToken"] = Token;

    /// <summary>The scrape text, with the gauges' counts read just before (a scrape itself never waits for them).</summary>
    public async Task<string> ScrapeAsync()
    {
        await Services.GetRequiredService<OperationalGauges>().RefreshAsync();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class PostgresMetricsAppFactory : MetricsAppFactory
{
    public PostgresMetricsAppFactory() => Store = Dashboard.Data.Store.DatabaseProvider.PostgreSQL;
}
