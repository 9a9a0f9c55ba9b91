using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Alerts;

public class AlertGroupConfiguration : IEntityTypeConfiguration<AlertGroup>
{
    public void Configure(EntityTypeBuilder<AlertGroup> b)
    {
        b.Property(g => g.GroupKey).HasMaxLength(Alerts.AlertLimits.GroupKeyLength);
        b.HasOne(g => g.Incident).WithMany().HasForeignKey(g => g.IncidentId).OnDelete(DeleteBehavior.Cascade);
        // One group may feed several incidents over time (a new one once the last is resolved), never the same twice.
        b.HasIndex(g => new { g.GroupKey, g.IncidentId }).IsUnique();
    }
}
