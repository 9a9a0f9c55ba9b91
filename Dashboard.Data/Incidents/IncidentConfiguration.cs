using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Incidents;

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
        // DurationMinutes is a stored generated column whose SQL differs per provider: see IncidentBoardDbContext.

        b.HasIndex(i => i.StartedAt);
        b.HasIndex(i => new { i.Severity, i.StartedAt });
        b.HasIndex(i => new { i.Status, i.StartedAt });
        // Incident rows are wide (summary, postmortem), so a question about every incident should be
        // answered from an index. Which private incidents may this viewer see: asked on every cached
        // read (see AggregateCache), and only the few private rows are in this partial index.
        b.HasIndex(i => i.IsPrivate).HasDatabaseName("IX_Incidents_Private").HasFilter("\"IsPrivate\"");
        // The visible incidents' count and their organisations (the review's filter), read from the index alone.
        b.HasIndex(i => new { i.Organisation, i.IsPrivate });

        b.HasMany(i => i.Sources).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Impacts).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.PostmortemHistory).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Participants).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Actions).WithOne(a => a.Incident).HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
