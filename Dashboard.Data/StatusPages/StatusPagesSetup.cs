using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Data.StatusPages;

public static class StatusPagesSetup
{
    /// <summary>The status pages' commands, queries and in-memory snapshots.</summary>
    public static IServiceCollection AddStatusPages(this IServiceCollection services) =>
        services.AddOptions<PublicAddress>().Services.AddSingleton<StatusPageCommands>().AddSingleton<StatusUpdateCommands>().AddSingleton<StatusPageQueries>().AddSingleton<StatusSnapshots>()
            .AddSingleton<MaintenanceCommands>().AddSingleton<SubscriptionCommands>()
            .AddSingleton<StatusPostmortemCommands>().AddSingleton<MaintenanceReminders>();
}
