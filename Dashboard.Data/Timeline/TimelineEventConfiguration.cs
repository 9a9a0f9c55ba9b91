using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Timeline;

public class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> b)
    {
        b.Property(e => e.Text).HasMaxLength(Limits.EventTextLength);
        b.Property(e => e.Author).HasMaxLength(Limits.PersonLength);
        b.Property(e => e.SourceReference).HasMaxLength(Limits.SourceTitleLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.IncidentId, e.OccurredAt });
        b.HasOne(e => e.Service).WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
