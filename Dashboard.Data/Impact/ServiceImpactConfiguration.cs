using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Impact;

public class ServiceImpactConfiguration : IEntityTypeConfiguration<ServiceImpact>
{
    public void Configure(EntityTypeBuilder<ServiceImpact> b)
    {
        b.Property(x => x.Description).HasMaxLength(Limits.EventTextLength);
        b.HasIndex(x => new { x.IncidentId, x.ServiceId });
        b.HasIndex(x => x.ServiceId);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Restrict: a service that incidents reference cannot vanish and leave impacts dangling.
        b.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
