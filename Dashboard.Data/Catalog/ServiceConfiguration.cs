using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Catalog;

public class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.HasIndex(s => s.Key).IsUnique();
        b.HasIndex(s => s.Name).IsUnique();
        b.Property(s => s.Key).HasMaxLength(Limits.SlugLength);
        b.Property(s => s.Name).HasMaxLength(Limits.ServiceNameLength);
        b.Property(s => s.Group).HasMaxLength(Limits.NameLength);
        b.Property(s => s.OwnerTeam).HasMaxLength(Limits.NameLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasMany(s => s.DependsOn).WithOne(d => d.Service).HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
