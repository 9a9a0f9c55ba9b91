using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Webhooks;

public class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.EventId).HasMaxLength(40);
        b.Property(d => d.EventType).HasMaxLength(64);
        b.Property(d => d.LastError).HasMaxLength(600);
        b.HasOne(d => d.Endpoint).WithMany(e => e.Deliveries).HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // The worker's claim: due rows in order of when they fall due.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        // An endpoint's delivery log, newest first.
        b.HasIndex(d => new { d.EndpointId, d.Id });
        b.HasIndex(d => d.ClaimToken);
    }
}
