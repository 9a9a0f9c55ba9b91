using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Data.Actions;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;

namespace Dashboard.Data.Factors;

public class FactorConfiguration : IEntityTypeConfiguration<Factor>
{
    public void Configure(EntityTypeBuilder<Factor> b)
    {
        b.Property(f => f.Statement).HasMaxLength(FactorRules.StatementLength);
        b.Property(f => f.Category).HasMaxLength(FactorRules.CategoryLength);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasOne(f => f.Incident).WithMany(i => i.Factors).HasForeignKey(f => f.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.IncidentId, f.SortOrder });
        // Links, not copies: deleting an event or an action removes it from the factors that cite it.
        b.HasMany(f => f.Evidence).WithMany().UsingEntity("FactorEvidence",
            r => r.HasOne(typeof(TimelineEvent)).WithMany().HasForeignKey("TimelineEventId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Factor)).WithMany().HasForeignKey("FactorId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("FactorId", "TimelineEventId");
                j.HasIndex("TimelineEventId");
            });
        b.HasMany(f => f.Actions).WithMany().UsingEntity("FactorActions",
            r => r.HasOne(typeof(RemediationAction)).WithMany().HasForeignKey("ActionId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Factor)).WithMany().HasForeignKey("FactorId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("FactorId", "ActionId");
                j.HasIndex("ActionId");
            });
    }
}
