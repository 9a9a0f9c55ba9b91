using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Notifications;

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Text).HasMaxLength(500);
        b.Property(n => n.Link).HasMaxLength(300);
        b.Property(n => n.Key).HasMaxLength(200);
        b.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // A deleted incident takes what was said about it along.
        b.HasOne(n => n.Incident).WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.UserId, n.Key }).IsUnique();
        // The bell: a person's unread, newest first.
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
    }
}

public class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.HasKey(p => new { p.UserId, p.Kind });
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.HasKey(s => s.UserId);
        b.Property(s => s.Teams).HasMaxLength(1000);
        b.Property(s => s.UnsubscribeSecret).HasMaxLength(64);
        // Database defaults for the rows that exist before digests; the sentinels are values never set,
        // so every new row writes its own choice (Off included) instead of falling back to the default.
        b.Property(s => s.DigestFrequency).HasConversion<string>().HasMaxLength(16).HasDefaultValue(DigestDefaults.Frequency).HasSentinel((DigestFrequency)(-1));
        b.Property(s => s.DigestHour).HasDefaultValue(DigestDefaults.Hour).HasSentinel(-1);
        b.Property(s => s.DigestWeekday).HasConversion<string>().HasMaxLength(16).HasDefaultValue(DigestDefaults.Weekday).HasSentinel((DayOfWeek)(-1));
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class IncidentFollowConfiguration : IEntityTypeConfiguration<IncidentFollow>
{
    public void Configure(EntityTypeBuilder<IncidentFollow> b)
    {
        b.HasKey(f => new { f.IncidentId, f.UserId });
        b.HasOne(f => f.Incident).WithMany().HasForeignKey(f => f.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.UserId);
    }
}

public class DigestSentConfiguration : IEntityTypeConfiguration<DigestSent>
{
    public void Configure(EntityTypeBuilder<DigestSent> b)
    {
        b.HasKey(d => new { d.UserId, d.Period });
        b.Property(d => d.Period).HasMaxLength(40);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        // The job reads the recent periods of everyone at once.
        b.HasIndex(d => d.SentAt);
    }
}

public class TeamLeadConfiguration : IEntityTypeConfiguration<TeamLead>
{
    public void Configure(EntityTypeBuilder<TeamLead> b)
    {
        b.HasKey(t => new { t.Team, t.UserId });
        b.Property(t => t.Team).HasMaxLength(Limits.NameLength);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.UserId);
    }
}
