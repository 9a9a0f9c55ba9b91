using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Dashboard.Host.Cluster;

namespace Dashboard.Host.Telemetry;

/// <summary>Ready only once the schema this build expects is in place: an old database must not take traffic.</summary>
public sealed class MigrationsAppliedCheck(IDbContextFactory<IncidentBoardDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("every migration is applied")
            : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied, from {pending[0]}");
    }
}

/// <summary>
/// On PostgreSQL an instance that does not listen for the others' changes would serve stale pages
/// and caches: not ready until the relay listens.
/// </summary>
public sealed class ChangeRelayCheck(PostgresChangeRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(relay.Listening.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("listening for other instances' changes")
            : HealthCheckResult.Unhealthy("the change relay does not listen yet"));
}
