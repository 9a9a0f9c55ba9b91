using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Mail;

public class OutboundMailConfiguration : IEntityTypeConfiguration<OutboundMail>
{
    public void Configure(EntityTypeBuilder<OutboundMail> b)
    {
        b.Property(m => m.IdempotencyKey).HasMaxLength(MailDraft.MaxKey);
        b.Property(m => m.MessageId).HasMaxLength(120);
        b.Property(m => m.ToAddress).HasMaxLength(MailDraft.MaxAddress);
        b.Property(m => m.ToName).HasMaxLength(MailDraft.MaxName);
        b.Property(m => m.Subject).HasMaxLength(MailDraft.MaxSubject);
        b.Property(m => m.Kind).HasMaxLength(64);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(MailDraft.MaxUrl);
        b.Property(m => m.LastError).HasMaxLength(600);
        // The same logical mail is queued once, even when two writes race to queue it.
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => m.MessageId).IsUnique();
        // The relay's claim: due rows in the order they fall due; the admin page: failures, newest first.
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.HasIndex(m => m.ClaimToken);
    }
}
