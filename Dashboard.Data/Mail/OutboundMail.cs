namespace Dashboard.Data.Mail;

public enum MailState { Queued, Sent, Failed }

/// <summary>
/// One message in the mail outbox, written in the same transaction as the change it tells of, so a
/// rolled-back write sends nothing and a crash loses nothing. The relay claims due rows by pushing
/// <see cref="NextAttemptAt"/> past a lease and marks each one sent as soon as the SMTP server has
/// accepted it; <see cref="MessageId"/> is fixed when the row is written, so the one message that can
/// go twice (accepted, then the mark was lost) carries the same Message-Id both times.
/// </summary>
public class OutboundMail
{
    public long Id { get; set; }

    /// <summary>Names the logical mail ("status-update:42:alice@example.com"): the same key is queued once, whoever asks again.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The Message-Id header, without angle brackets.</summary>
    public required string MessageId { get; set; }

    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>What sort of mail this is ("notification.action_assigned", "status.update"): for the admin page and for unsubscribing per kind.</summary>
    public required string Kind { get; set; }

    /// <summary>An https URL that unsubscribes with one POST (RFC 8058); sent as List-Unsubscribe with List-Unsubscribe-Post.</summary>
    public string? UnsubscribeUrl { get; set; }

    public MailState State { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Set by each claim; a relay finishes only the rows it holds the token of.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
}
