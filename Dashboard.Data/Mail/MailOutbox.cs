using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Mail;

/// <summary>What became of an enqueue: queued, already queued under its key, or refused with field errors.</summary>
public sealed record MailEnqueued(bool Queued, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
    internal static readonly MailEnqueued Done = new(true, new Dictionary<string, string>());
    internal static readonly MailEnqueued Duplicate = new(false, new Dictionary<string, string>());
}

/// <summary>
/// Puts mail in the outbox from inside a door write (its command or an <see cref="IAuditListener"/>), on
/// the write's own context and transaction: the write and its mail commit together or not at all.
/// Nothing is sent here; the relay (Dashboard/Mail) sends what has committed.
/// </summary>
public static class MailOutbox
{
    /// <summary>Queues <paramref name="draft"/> in <paramref name="write"/>'s transaction; the door saves it with the write.</summary>
    public static Task<MailEnqueued> EnqueueAsync(Write write, MailDraft draft, CancellationToken ct = default) =>
        EnqueueAsync(write.Db, draft, write.Now, ct);

    /// <summary>
    /// The same on a context inside a door transaction (an audit listener's). The row is added to the
    /// context; whoever owns the transaction saves it. A key already queued, committed or added to this
    /// context, queues nothing.
    /// </summary>
    public static async Task<MailEnqueued> EnqueueAsync(IncidentBoardDbContext db, MailDraft draft, DateTime now, CancellationToken ct = default)
    {
        var errors = draft.Validate();
        if (errors.Count > 0) return new MailEnqueued(false, errors);
        if (db.OutboundMails.Local.Any(m => m.IdempotencyKey == draft.IdempotencyKey)
            || await db.OutboundMails.AnyAsync(m => m.IdempotencyKey == draft.IdempotencyKey, ct))
            return MailEnqueued.Duplicate;
        db.OutboundMails.Add(new OutboundMail
        {
            IdempotencyKey = draft.IdempotencyKey, MessageId = NewMessageId(now), ToAddress = draft.ToAddress, ToName = draft.ToName,
            Subject = draft.Subject, TextBody = draft.TextBody, HtmlBody = draft.HtmlBody, Kind = draft.Kind, UnsubscribeUrl = draft.UnsubscribeUrl,
            State = MailState.Queued, CreatedAt = now, NextAttemptAt = draft.NotBefore is { } later && later > now ? later : now,
        });
        return MailEnqueued.Done;
    }

    /// <summary>Unique and fixed per row; the relay adds the sender's domain when it builds the header.</summary>
    private static string NewMessageId(DateTime now) => $"{now:yyyyMMddHHmmss}.{Guid.NewGuid():N}";
}
