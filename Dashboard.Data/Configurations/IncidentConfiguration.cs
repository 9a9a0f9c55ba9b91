using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

public class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.HasIndex(i => i.Slug).IsUnique();
        b.Property(i => i.Slug).HasMaxLength(Limits.SlugLength);
        b.Property(i => i.Title).HasMaxLength(Limits.TitleLength);
        b.Property(i => i.Organisation).HasMaxLength(Limits.NameLength);
        b.Property(i => i.Commander).HasMaxLength(Limits.PersonLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Property(i => i.PostmortemVersion).IsConcurrencyToken();
        b.Property(i => i.PostmortemSavedBy).HasMaxLength(Limits.PersonLength);
        // Stored generated column: duration from impact start (or trigger) to resolution, so the
        // incidents list can sort by it in SQL. julianday() reads EF's ISO text format.
        b.Property(i => i.DurationMinutes).HasComputedColumnSql(
            "(julianday(\"ResolvedAt\") - julianday(COALESCE(\"StartedAt\", \"TriggeredAt\"))) * 1440.0", stored: true);

        b.HasIndex(i => i.StartedAt);
        b.HasIndex(i => new { i.Severity, i.StartedAt });
        b.HasIndex(i => new { i.Status, i.StartedAt });

        b.HasMany(i => i.Sources).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Impacts).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.PostmortemHistory).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Participants).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Actions).WithOne(a => a.Incident).HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
