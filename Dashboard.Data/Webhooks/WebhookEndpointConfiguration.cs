using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Webhooks;

public class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    /// <summary>Room for a Data Protection payload around the 50-character secret, and for a key ring with longer key ids later.</summary>
    public const int WebhookSecretLength = 1000;

    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(e => e.Url).HasMaxLength(Limits.UrlLength);
        b.Property(e => e.EventTypes).HasMaxLength(400);
        b.Property(e => e.Secret).HasMaxLength(WebhookSecretLength); // a protected secret is about 200 characters
        b.Property(e => e.DisabledReason).HasMaxLength(600);
        b.Property(e => e.CreatedBy).HasMaxLength(Limits.PersonLength + 80);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
