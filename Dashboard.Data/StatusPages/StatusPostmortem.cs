using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.StatusPages;

/// <summary>
/// The public postmortem of an incident: a document of its own, written for the status pages' readers
/// apart from the internal postmortem (which it may start from as a copy, then edited). An admin keeps a
/// <see cref="Draft"/> that shows nowhere; publishing copies it to <see cref="Body"/>, the only text the
/// pages, feeds, JSON, mail and webhooks carry, and only on pages the incident was published to.
/// </summary>
public class StatusPostmortem : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    /// <summary>The text being written (Markdown); never shown outside until published.</summary>
    public required string Draft { get; set; }
    /// <summary>The text as published (Markdown), or null while it never was.</summary>
    public string? Body { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>When the published text was last replaced; the pages show "updated" with this time.</summary>
    public DateTime? UpdatedAt { get; set; }
    public DateTime EditedAt { get; set; }
    public required string EditedBy { get; set; }
    public Guid Version { get; set; }
}

public class StatusPostmortemConfiguration : IEntityTypeConfiguration<StatusPostmortem>
{
    public void Configure(EntityTypeBuilder<StatusPostmortem> b)
    {
        b.HasIndex(p => p.IncidentId).IsUnique();
        b.Property(p => p.Draft).HasMaxLength(StatusPageRules.PostmortemLength);
        b.Property(p => p.Body).HasMaxLength(StatusPageRules.PostmortemLength);
        b.Property(p => p.PublishedBy).HasMaxLength(Limits.PersonLength + 80);
        b.Property(p => p.EditedBy).HasMaxLength(Limits.PersonLength + 80);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Incidents.Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An incident's public postmortem as admins see it in the editor, with the internal text to start from.</summary>
public sealed record StatusPostmortemRow(int IncidentId, string Draft, string? Body, DateTime? PublishedAt, string? PublishedBy, DateTime? UpdatedAt,
    DateTime? EditedAt, string? EditedBy, Guid? Version, string? InternalText, bool IncidentPublished)
{
    public bool IsPublished => PublishedAt is not null;
    /// <summary>The draft holds text not yet published.</summary>
    public bool HasUnpublishedDraft => Version is not null && Draft != Body;
}
