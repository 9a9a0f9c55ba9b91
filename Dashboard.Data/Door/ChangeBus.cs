using System.Collections.Immutable;

namespace Dashboard.Data.Door;

/// <summary>What a view follows: one incident, the whole service catalog, or the cross-incident actions tracker.</summary>
public readonly record struct ChangeScope(string Kind, int Id = 0)
{
    public static ChangeScope Incident(int id) => new("incident", id);
    public static ChangeScope Catalog { get; } = new("catalog");
    public static ChangeScope Actions { get; } = new("actions");

    public override string ToString() => Id == 0 ? Kind : $"{Kind}:{Id}";
}

/// <summary>One committed write, announced after its transaction committed.</summary>
public sealed record Change(ChangeScope Scope, string Action);

/// <summary>
/// The one change bus: the door publishes every committed write to its scopes, and open views
/// subscribed to a scope reload. In-process, because one app instance serves every circuit on SQLite.
/// </summary>
public sealed class ChangeBus
{
    private ImmutableDictionary<ChangeScope, ImmutableList<Action<Change>>> _handlers =
        ImmutableDictionary<ChangeScope, ImmutableList<Action<Change>>>.Empty;
    private readonly Lock _gate = new();

    public IDisposable Subscribe(ChangeScope scope, Action<Change> handler)
    {
        lock (_gate) _handlers = _handlers.SetItem(scope, _handlers.GetValueOrDefault(scope, []).Add(handler));
        return new Subscription(() =>
        {
            lock (_gate)
            {
                var rest = _handlers.GetValueOrDefault(scope, []).Remove(handler);
                _handlers = rest.IsEmpty ? _handlers.Remove(scope) : _handlers.SetItem(scope, rest);
            }
        });
    }

    public void Publish(Change change)
    {
        // A snapshot: handlers may subscribe or unsubscribe while being told.
        if (!_handlers.TryGetValue(change.Scope, out var handlers)) return;
        foreach (var handler in handlers) handler(change);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
