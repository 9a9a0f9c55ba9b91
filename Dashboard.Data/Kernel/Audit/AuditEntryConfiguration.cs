using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Kernel;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(Limits.PersonLength + 80);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(32);
        b.Property(a => a.EntityKey).HasMaxLength(Limits.SlugLength + 80);
        b.Property(a => a.IncidentSlug).HasMaxLength(Limits.SlugLength);
        // The audit page lists newest first under any one filter: each index ends in the sort
        // order, so a filtered first page is an index range scan, not a sort of the whole table.
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.IncidentId, a.At });
        b.HasIndex(a => new { a.IncidentSlug, a.At });
        b.HasIndex(a => new { a.Actor, a.At });
        b.HasIndex(a => new { a.Action, a.At });
        b.HasIndex(a => new { a.EntityType, a.At });
    }
}
