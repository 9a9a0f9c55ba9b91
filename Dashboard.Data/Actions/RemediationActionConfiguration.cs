using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Actions;

public class RemediationActionConfiguration : IEntityTypeConfiguration<RemediationAction>
{
    public void Configure(EntityTypeBuilder<RemediationAction> b)
    {
        b.Property(a => a.Title).HasMaxLength(Limits.TitleLength);
        b.Property(a => a.Description).HasMaxLength(Limits.EventTextLength);
        b.Property(a => a.Owner).HasMaxLength(Limits.PersonLength);
        b.Property(a => a.Team).HasMaxLength(Limits.PersonLength);
        b.Property(a => a.WontDoReason).HasMaxLength(Limits.EventTextLength);
        b.Property(a => a.ExternalUrl).HasMaxLength(Limits.UrlLength);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.Status, a.DueDate });
        b.HasIndex(a => a.IncidentId);
        b.HasIndex(a => a.CompletedAt);
        b.HasIndex(a => a.CreatedAt);
        b.HasIndex(a => a.OwnerUserId);
        b.Property(a => a.CreatedBy).HasMaxLength(Limits.PersonLength);
        b.HasOne<Dashboard.Data.Identity.AppUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.StatusHistory).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}
