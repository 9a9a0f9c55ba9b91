using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Catalog;

public class ServiceDependencyConfiguration : IEntityTypeConfiguration<ServiceDependency>
{
    public void Configure(EntityTypeBuilder<ServiceDependency> b)
    {
        b.HasKey(d => new { d.ServiceId, d.DependsOnServiceId });
        b.HasIndex(d => d.DependsOnServiceId);
        b.HasOne(d => d.DependsOnService).WithMany().HasForeignKey(d => d.DependsOnServiceId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_ServiceDependency_NotSelf", "\"ServiceId\" <> \"DependsOnServiceId\""));
    }
}
