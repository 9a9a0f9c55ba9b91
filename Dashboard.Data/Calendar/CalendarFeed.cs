using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Calendar;

/// <summary>
/// A user's private calendar address. Only the SHA-256 of its secret token is kept (named
/// <c>SecretHash</c> so the audit trail skips it, like an API key's): the address is shown once
/// when made or renewed, and renewing makes the old one stop working.
/// </summary>
public class CalendarFeed : IDoorRow
{
    DoorAddress IDoorRow.Address => new(null, UserId, null, null);

    public required string UserId { get; set; }
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.HasKey(f => f.UserId);
        b.Property(f => f.SecretHash).HasMaxLength(64);
        b.HasIndex(f => f.SecretHash).IsUnique();
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
