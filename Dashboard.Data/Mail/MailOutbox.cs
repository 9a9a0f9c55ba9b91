using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// Queues many drafts in <paramref name="write"/>'s transaction at once, for a fan-out (a status update
    /// to every subscriber): one multi-row INSERT per chunk, written at once inside the transaction (a
    /// refused or failed write rolls it back with the rest), instead of a tracked entity and a key lookup per
    /// message, which made 10,000 subscribers a write of more than a minute. The same rules as one
    /// <see cref="EnqueueAsync(Write, MailDraft, CancellationToken)"/> each: an invalid draft queues nothing;
    /// a key already in the outbox (the unique index: ON CONFLICT DO NOTHING, so two writes racing on
    /// PostgreSQL cannot both queue it), added to this context or repeated in the list queues nothing.
    /// Returns how many were queued.
    /// </summary>
    public static async Task<int> EnqueueManyAsync(Write write, IEnumerable<MailDraft> drafts, CancellationToken ct = default)
    {
        var db = write.Db;
        var now = write.Now;
        var taken = db.OutboundMails.Local.Select(m => m.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var rows = drafts.Where(d => d.Validate().Count == 0 && taken.Add(d.IdempotencyKey)).ToList();
        if (rows.Count == 0) return 0;
        var entity = db.Model.FindEntityType(typeof(OutboundMail))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = InsertedColumns.Select(name => entity.FindProperty(name)!).ToList();
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToList();
        var head = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName(table)!)))}) VALUES ";
        var tail = $" ON CONFLICT ({Quote(entity.FindProperty(nameof(OutboundMail.IdempotencyKey))!.GetColumnName(table)!)}) DO NOTHING";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // One prepared statement for every full chunk (and one for the rest): the statement is parsed once, only the values change.
            DbCommand? full = null, last = null;
            var queued = 0;
            try
            {
                foreach (var chunk in rows.Chunk(InsertChunk))
                {
                    var command = chunk.Length == InsertChunk ? full ??= await PrepareAsync(chunk.Length) : last = await PrepareAsync(chunk.Length);
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        var d = chunk[r];
                        object?[] values = [d.IdempotencyKey, NewMessageId(now), d.ToAddress, d.ToName, d.Subject, d.TextBody, d.HtmlBody, d.Kind, d.UnsubscribeUrl,
                            MailState.Queued, 0, now, d.NotBefore is { } later && later > now ? later : now];
                        for (var c = 0; c < columns.Count; c++)
                            command.Parameters[r * columns.Count + c].Value = (mappings[c].Converter is { } convert ? convert.ConvertToProvider(values[c]) : values[c]) ?? DBNull.Value;
                    }
                    queued += await command.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                if (full is not null) await full.DisposeAsync();
                if (last is not null) await last.DisposeAsync();
            }
            return queued;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        async Task<DbCommand> PrepareAsync(int count)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("A fan-out is queued inside a door write's transaction.");
            var sql = new StringBuilder(head);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@m{r}_{c}";
                    command.Parameters.Add(mappings[c].CreateParameter(command, name, null, columns[c].IsNullable));
                    sql.Append(c == 0 ? name : ", " + name);
                }
                sql.Append(')');
            }
            command.CommandText = sql.Append(tail).ToString();
            await command.PrepareAsync(ct);
            return command;
        }
    }

    /// <summary>
    /// Rows per INSERT. Small on purpose: Microsoft.Data.Sqlite binds each named parameter by a lookup that
    /// scans the statement's parameters, so binding costs the square of their number (500 rows of 13 took
    /// 150 to 300 ms a statement; 32 rows about a millisecond).
    /// </summary>
    private const int InsertChunk = 32;

    /// <summary>The columns a new row sets, in the order of the values <see cref="EnqueueManyAsync"/> lists; the rest start empty.</summary>
    private static readonly string[] InsertedColumns =
    [
        nameof(OutboundMail.IdempotencyKey), nameof(OutboundMail.MessageId), nameof(OutboundMail.ToAddress), nameof(OutboundMail.ToName),
        nameof(OutboundMail.Subject), nameof(OutboundMail.TextBody), nameof(OutboundMail.HtmlBody), nameof(OutboundMail.Kind),
        nameof(OutboundMail.UnsubscribeUrl), nameof(OutboundMail.State), nameof(OutboundMail.Attempts), nameof(OutboundMail.CreatedAt),
        nameof(OutboundMail.NextAttemptAt),
    ];

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Unique and fixed per row; the relay adds the sender's domain when it builds the header.</summary>
    private static string NewMessageId(DateTime now) => $"{now:yyyyMMddHHmmss}.{Guid.NewGuid():N}";
}
