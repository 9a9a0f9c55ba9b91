using Dashboard.Data.Mail;
using MimeKit;

namespace Dashboard.Mail;

public static class MailSetup
{
    /// <summary>
    /// The <c>Mail</c> settings and the relay. The hosted relay runs only when <c>Mail:Smtp:Host</c> is
    /// set; without it mail still queues (nothing is lost) and is sent once a host is configured.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MailOptions.Section);
        services.AddOptions<MailOptions>().Bind(section)
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Mail:From is not a valid address.")
            .Validate(o => o.BatchSize > 0 && o.MaxAttempts > 0 && o.Connections is > 0 and <= 32, "Mail:BatchSize and Mail:MaxAttempts must be positive, Mail:Connections 1 to 32.")
            .ValidateOnStart();
        services.AddSingleton<MailRelay>();
        services.AddMetrics().AddSingleton<MailMetrics>();
        if (!string.IsNullOrWhiteSpace(section["Smtp:Host"])) services.AddHostedService<MailRelayWorker>();
        return services;
    }
}
