using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Trackers;

public class TrackerConnectionConfiguration : IEntityTypeConfiguration<TrackerConnection>
{
    public void Configure(EntityTypeBuilder<TrackerConnection> b)
    {
        b.Property(c => c.Name).HasMaxLength(TrackerRules.NameLength);
        b.HasIndex(c => c.Name).IsUnique();
        b.Property(c => c.BaseUrl).HasMaxLength(Limits.UrlLength);
        b.Property(c => c.Project).HasMaxLength(Limits.PersonLength);
        b.Property(c => c.Labels).HasMaxLength(Limits.PersonLength);
        b.Property(c => c.IssueType).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

public class TrackerIssueConfiguration : IEntityTypeConfiguration<TrackerIssue>
{
    public void Configure(EntityTypeBuilder<TrackerIssue> b)
    {
        // The idempotency key: one issue per action and connection.
        b.HasIndex(i => new { i.ActionId, i.ConnectionId }).IsUnique();
        // Webhooks find the issue by the tracker's own id.
        b.HasIndex(i => new { i.ConnectionId, i.ExternalId });
        b.HasIndex(i => i.IncidentId);
        b.Property(i => i.IssueKey).HasMaxLength(64);
        b.Property(i => i.ExternalId).HasMaxLength(64);
        b.Property(i => i.IssueUrl).HasMaxLength(Limits.UrlLength);
        b.Property(i => i.CreatedBy).HasMaxLength(Limits.PersonLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Actions.RemediationAction>().WithMany().HasForeignKey(i => i.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Incidents.Incident>().WithMany().HasForeignKey(i => i.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Connection).WithMany().HasForeignKey(i => i.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class TrackerCallConfiguration : IEntityTypeConfiguration<TrackerCall>
{
    public void Configure(EntityTypeBuilder<TrackerCall> b)
    {
        b.Property(c => c.LastError).HasMaxLength(600);
        b.HasOne(c => c.TrackerIssue).WithMany().HasForeignKey(c => c.TrackerIssueId).OnDelete(DeleteBehavior.Cascade);
        // The worker's claim: due rows in order of when they fall due.
        b.HasIndex(c => new { c.Status, c.NextAttemptAt });
        b.HasIndex(c => c.TrackerIssueId);
        b.HasIndex(c => c.ClaimToken);
    }
}
