using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Mail;

/// <summary>A claimed message: what the relay sends, and the token that lets it finish the row.</summary>
public sealed record ClaimedMail(long Id, Guid ClaimToken, string MessageId, string ToAddress, string? ToName, string Subject,
    string TextBody, string? HtmlBody, string Kind, string? UnsubscribeUrl, int Attempts, DateTime CreatedAt);

/// <summary>A failed delivery for the admin page.</summary>
public sealed record FailedMail(long Id, string ToAddress, string Subject, string Kind, int Attempts, DateTime CreatedAt, DateTime? LastAttemptAt, string? LastError);

/// <summary>
/// The relay's bookkeeping on the outbox. These rows are delivery state, not user data: they are
/// written here directly, not through the door, so each attempt does not fill the audit trail.
/// </summary>
public sealed class MailDeliveryStore(IDbContextFactory<IncidentBoardDbContext> dbFactory, IOptions<MailOptions> options)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    /// <summary>
    /// Claims up to a batch of due messages by moving their next attempt past the lease under a fresh
    /// token. The UPDATE repeats the due test, so two relays (two app instances, or two connections of
    /// one) never hold one row; one that lost every row it saw to another looks again.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedMail>> ClaimDueAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = options.Value;
        for (var look = 0; look < 3; look++)
        {
            var ids = await db.OutboundMails.Where(m => m.State == MailState.Queued && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(o.BatchSize).ToListAsync(ct);
            if (ids.Count == 0) return [];
            var token = Guid.NewGuid();
            var leaseEnd = now + o.Lease;
            var claimed = await db.OutboundMails.Where(m => ids.Contains(m.Id) && m.State == MailState.Queued && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.NextAttemptAt, leaseEnd), ct);
            if (claimed == 0) continue;
            return await db.OutboundMails.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.Id)
                .Select(m => new ClaimedMail(m.Id, token, m.MessageId, m.ToAddress, m.ToName, m.Subject, m.TextBody, m.HtmlBody, m.Kind,
                    m.UnsubscribeUrl, m.Attempts, m.CreatedAt))
                .ToListAsync(ct);
        }
        return [];
    }

    /// <summary>
    /// The server accepted these messages (all of one claim): marked sent in one write, each counting
    /// one more attempt. Only rows still held under the claim's token are marked.
    /// </summary>
    public async Task SentAsync(IReadOnlyCollection<ClaimedMail> claims, DateTime at, CancellationToken ct)
    {
        if (claims.Count == 0) return;
        var token = claims.First().ClaimToken;
        var ids = claims.Select(c => c.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.OutboundMails.Where(m => ids.Contains(m.Id) && m.ClaimToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, MailState.Sent).SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastAttemptAt, at).SetProperty(m => m.SentAt, at)
            .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimToken, (Guid?)null), ct);
    }

    /// <summary>
    /// A failed attempt: due again after a backoff, or failed for good when <paramref name="permanent"/>
    /// (the server refused the message itself) or after <see cref="MailOptions.MaxAttempts"/>. Returns whether it will be retried.
    /// </summary>
    public async Task<bool> FailedAsync(ClaimedMail claim, DateTime at, string error, bool permanent, CancellationToken ct)
    {
        var attempts = claim.Attempts + 1;
        var retry = !permanent && attempts < options.Value.MaxAttempts;
        var message = error.Length <= 600 ? error : error[..599] + "…";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Claimed(db, claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, retry ? MailState.Queued : MailState.Failed)
            .SetProperty(m => m.NextAttemptAt, retry ? at + RetryDelay(attempts) : at).SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastAttemptAt, at).SetProperty(m => m.LastError, message).SetProperty(m => m.ClaimToken, (Guid?)null), ct);
        return retry;
    }

    /// <summary>Gives back claimed messages that were not tried (the connection was lost before their turn): due at <paramref name="dueAt"/>, no attempt counted.</summary>
    public async Task ReleaseAsync(IEnumerable<ClaimedMail> claims, DateTime dueAt, CancellationToken ct)
    {
        var list = claims.ToList();
        if (list.Count == 0) return;
        var ids = list.Select(c => c.Id).ToList();
        var token = list[0].ClaimToken;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.OutboundMails.Where(m => ids.Contains(m.Id) && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, dueAt).SetProperty(m => m.ClaimToken, (Guid?)null), ct);
    }

    /// <summary>How many messages wait to be sent, and how many failed for good.</summary>
    /// <summary>The newest failed deliveries with their reasons, for the admin page.</summary>
    public async Task<IReadOnlyList<FailedMail>> FailedAsync(int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboundMails.AsNoTracking().Where(m => m.State == MailState.Failed).OrderByDescending(m => m.Id).Take(take)
            .Select(m => new FailedMail(m.Id, m.ToAddress, m.Subject, m.Kind, m.Attempts, m.CreatedAt, m.LastAttemptAt, m.LastError))
            .ToListAsync(ct);
    }

    /// <summary>30 s, 1 min, 2 min, … doubling up to an hour.</summary>
    public static TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromSeconds(Math.Min(FirstRetry.TotalSeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 20)), LongestRetry.TotalSeconds));

    private static IQueryable<OutboundMail> Claimed(IncidentBoardDbContext db, ClaimedMail claim) =>
        db.OutboundMails.Where(m => m.Id == claim.Id && m.ClaimToken == claim.ClaimToken);
}
