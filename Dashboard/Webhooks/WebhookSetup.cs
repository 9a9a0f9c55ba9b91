using Dashboard.Data.Webhooks;
using Microsoft.Extensions.Options;
using Dashboard.Incidents;

namespace Dashboard.Webhooks;

public static class WebhookSetup
{
    /// <summary>The delivery client (guarded connect, no redirects, no proxy) and the dispatcher; the hosted worker is added by the app.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => SafeConnect.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks));
        services.AddSingleton<WebhookDispatcher>();
        return services;
    }
}
