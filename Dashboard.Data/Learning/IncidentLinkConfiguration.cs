using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Learning;

public class IncidentLinkConfiguration : IEntityTypeConfiguration<IncidentLink>
{
    public void Configure(EntityTypeBuilder<IncidentLink> b)
    {
        b.HasIndex(l => new { l.FromIncidentId, l.ToIncidentId, l.Kind }).IsUnique();
        b.HasIndex(l => l.ToIncidentId);
        b.HasOne(l => l.From).WithMany().HasForeignKey(l => l.FromIncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.To).WithMany().HasForeignKey(l => l.ToIncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
