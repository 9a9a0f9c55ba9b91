using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Data.Catalog;
using Dashboard.Data.Incidents;

namespace Dashboard.Data.Changes;

public sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> b)
    {
        b.Property(x => x.ExternalId).HasMaxLength(ChangeRules.ExternalIdLength);
        b.Property(x => x.Title).HasMaxLength(Limits.TitleLength);
        b.Property(x => x.Environment).HasMaxLength(Limits.NameLength);
        b.Property(x => x.Author).HasMaxLength(Limits.PersonLength);
        b.Property(x => x.Link).HasMaxLength(Limits.UrlLength);
        b.Property(x => x.Labels).HasMaxLength(ChangeRules.LabelsLength);
        b.Property(x => x.Origin).HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Unique: the idempotency of re-sent changes rests on it, also when two senders race. NULLs do not collide on either store.
        b.HasIndex(x => x.ExternalId).IsUnique();
        // The list and the panel read a time window.
        b.HasIndex(x => x.StartedAt);
        b.HasMany(x => x.Services).WithOne(s => s.ChangeEvent).HasForeignKey(s => s.ChangeEventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChangeServiceConfiguration : IEntityTypeConfiguration<ChangeService>
{
    public void Configure(EntityTypeBuilder<ChangeService> b)
    {
        b.HasKey(x => new { x.ChangeEventId, x.ServiceId });
        // A service's changes over time (the list filtered by service).
        b.HasIndex(x => new { x.ServiceId, x.StartedAt });
        // The panel's and the timeline's query: every (change, service) of a time window in one range scan that
        // never reads the table (the index holds all three columns). Ordered by time first: the window is the selective part.
        b.HasIndex(x => new { x.StartedAt, x.ServiceId, x.ChangeEventId }).HasDatabaseName("IX_ChangeServices_Window");
        // Restrict: a service changes point at cannot vanish from the catalog under them (it is archived instead).
        b.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ChangeMarkConfiguration : IEntityTypeConfiguration<ChangeMark>
{
    public void Configure(EntityTypeBuilder<ChangeMark> b)
    {
        b.HasKey(x => new { x.IncidentId, x.ChangeEventId });
        b.HasIndex(x => x.ChangeEventId);
        b.Property(x => x.MarkedBy).HasMaxLength(Limits.PersonLength);
        b.HasOne(x => x.Incident).WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ChangeEvent).WithMany().HasForeignKey(x => x.ChangeEventId).OnDelete(DeleteBehavior.Cascade);
    }
}
