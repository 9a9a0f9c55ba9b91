using System.Collections.Immutable;

namespace Dashboard.Data.Kernel;

/// <summary>What a view follows: one incident, the whole service catalog, or the cross-incident actions tracker.</summary>
public readonly record struct ChangeScope(string Kind, int Id = 0)
{
    public static ChangeScope Incident(int id) => new("incident", id);
    public static ChangeScope Catalog { get; } = new("catalog");
    public static ChangeScope Actions { get; } = new("actions");
    /// <summary>Every scope at once: what an instance hears when it may have missed changes (see <see cref="ChangeBus.DeliverEverythingChanged"/>).</summary>
    public static ChangeScope Everything { get; } = new("everything");

    public override string ToString() => Id == 0 ? Kind : $"{Kind}:{Id}";
}

/// <summary>One committed write, announced after its transaction committed.</summary>
public sealed record Change(ChangeScope Scope, string Action)
{
    /// <summary>
    /// For a write to a private incident, the users who may hear of it (besides admins); null when
    /// anyone may. A circuit that may not see the incident is not even told that something changed.
    /// </summary>
    public IReadOnlySet<string>? Audience { get; init; }

    public bool Reaches(Actor viewer) =>
        Audience is null || viewer.SeesAllIncidents || (viewer.UserId is { } id && Audience.Contains(id));
}

/// <summary>
/// The one change bus: the door publishes every committed write to its scopes, and open views
/// subscribed to a scope reload. In-process on SQLite, where one app instance serves every circuit;
/// on PostgreSQL a relay (Dashboard's PostgresChangeRelay) also carries each change to the other
/// instances, which deliver it to their own subscribers.
/// </summary>
public sealed class ChangeBus
{
    private Action<Change>? _forward;

    /// <summary>Also hand every change published here to <paramref name="forward"/> (the relay to other instances).</summary>
    public void ForwardTo(Action<Change> forward) => _forward = forward;

    private ImmutableDictionary<ChangeScope, ImmutableList<Listener>> _handlers =
        ImmutableDictionary<ChangeScope, ImmutableList<Listener>>.Empty;
    private ImmutableList<Action<Change>> _observers = [];
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>
    /// Moves on with every change told here. A view that read its data before it subscribed compares
    /// it before and after, so a change that landed in between is not missed.
    /// </summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>
    /// Hear of every change in every scope, whoever may see it: for the server's own caches
    /// (<see cref="AggregateCache"/>), never for a view.
    /// </summary>
    public IDisposable ObserveAll(Action<Change> handler)
    {
        lock (_gate) _observers = _observers.Add(handler);
        return new Subscription(() => { lock (_gate) _observers = _observers.Remove(handler); });
    }

    /// <summary>Hear of the changes in <paramref name="scope"/> that <paramref name="viewer"/> may see.</summary>
    public IDisposable Subscribe(ChangeScope scope, Actor viewer, Action<Change> handler)
    {
        var listener = new Listener(viewer, handler);
        lock (_gate) _handlers = _handlers.SetItem(scope, _handlers.GetValueOrDefault(scope, []).Add(listener));
        return new Subscription(() =>
        {
            lock (_gate)
            {
                var rest = _handlers.GetValueOrDefault(scope, []).Remove(listener);
                _handlers = rest.IsEmpty ? _handlers.Remove(scope) : _handlers.SetItem(scope, rest);
            }
        });
    }

    /// <summary>A committed write on this instance: told here, and to the other instances when there is a relay.</summary>
    public void Publish(Change change)
    {
        Deliver(change);
        _forward?.Invoke(change);
    }

    /// <summary>Told to this instance's subscribers only: for a change another instance published.</summary>
    public void Deliver(Change change)
    {
        Interlocked.Increment(ref _sequence);
        // Caches first, so a view that reloads on this change already reads past them.
        foreach (var observer in _observers) observer(change);
        // A snapshot: handlers may subscribe or unsubscribe while being told.
        if (!_handlers.TryGetValue(change.Scope, out var handlers)) return;
        foreach (var listener in handlers)
            if (change.Reaches(listener.Viewer)) listener.Handler(change);
    }

    /// <summary>
    /// Told to this instance's caches and to every view, whatever it follows and whoever looks: for
    /// when changes may have been missed (the relay lost its connection to the other instances), so
    /// every cache moves to a new generation and every open view reads its data again. It carries no
    /// data and names no incident, so telling everyone reveals nothing; each view's reload applies
    /// its viewer's rights (a user just removed from a private incident loses it here).
    /// </summary>
    public void DeliverEverythingChanged(string reason)
    {
        Interlocked.Increment(ref _sequence);
        var everything = new Change(ChangeScope.Everything, reason);
        foreach (var observer in _observers) observer(everything);
        foreach (var (scope, handlers) in _handlers)
        {
            var change = everything with { Scope = scope };
            foreach (var listener in handlers) listener.Handler(change);
        }
    }

    private sealed record Listener(Actor Viewer, Action<Change> Handler);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
