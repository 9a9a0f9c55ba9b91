using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data.Notifications;

/// <summary>
/// Tells bells after the write that made their notifications has committed. Notifications are
/// staged by an audit listener inside the door's transaction, which cannot publish itself, so the
/// people told are kept with the context and announced by this interceptor when its transaction
/// commits (and forgotten when it rolls back). Only those people hear of it.
/// </summary>
public sealed class NotificationPublisher(ChangeBus bus) : DbTransactionInterceptor
{
    public static readonly ChangeScope Bell = new("notifications");
    public const string Action = "notification.changed";

    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = [];

    /// <summary>These people's bells change once <paramref name="db"/>'s transaction commits.</summary>
    public void Stage(DbContext db, IEnumerable<string> userIds)
    {
        var users = _pending.GetOrCreateValue(db);
        lock (users) users.UnionWith(userIds);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, publish: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, publish: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, publish: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, publish: false);
        return Task.CompletedTask;
    }

    private void Flush(DbContext? db, bool publish)
    {
        if (db is null || !_pending.TryGetValue(db, out var users)) return;
        _pending.Remove(db);
        HashSet<string> told;
        lock (users) told = [.. users];
        if (publish && told.Count > 0) bus.Publish(new Change(Bell, Action) { Audience = told });
    }
}
