using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Api;

namespace Dashboard.Ui.Kit;

/// <summary>
/// A view that follows the change bus: it reloads when a write commits in one of its scopes,
/// whoever made it (the user who made the change sees it through the same path). Reloads run on
/// the circuit's dispatcher; one that fails shows a message and keeps the page as it was.
/// <para>
/// A view always ends on the saved state: only one load runs at a time, and a change that arrives
/// while one runs (a reload, or the view's own first load) is answered by another reload once it
/// ends. Two loads may not overlap: the dispatcher runs other work while a load awaits the database,
/// so a reload started after a change could finish first and be overwritten by the older one's data.
/// </para>
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    [Inject] private ChangeBus Bus { get; set; } = default!;
    /// <summary>Who is looking: the bus tells this view only of changes its user may see (private incidents).</summary>
    [CascadingParameter] protected CurrentUser User { get; set; } = CurrentUser.Anonymous;
    [Inject] private ISnackbar LiveSnackbar { get; set; } = default!;
    [Inject] private ILogger<LiveComponent> LiveLogger { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private ChangeScope[] _scopes = [];
    private Func<Task> _reload = () => Task.CompletedTask;
    /// <summary>A reload is posted to the dispatcher and has not started: further changes share it. Set from any thread.</summary>
    private int _posted;

    // The rest is only touched on the dispatcher.
    /// <summary>A change arrived that the data on screen may predate.</summary>
    private bool _stale;
    private bool _reloading;
    /// <summary>Runs of the component's own loads (OnInitializedAsync, OnParametersSetAsync) under way.</summary>
    private int _ownLoads;
    /// <summary>The bus's sequence when the current own load began: a Follow after the load compares with it.</summary>
    private long _ownLoadFrom;
    private bool _disposed;

    /// <summary>Reload with <paramref name="reload"/> when any of <paramref name="scopes"/> changes; a new call replaces the earlier one.</summary>
    protected void Follow(Func<Task> reload, params ChangeScope[] scopes)
    {
        _reload = reload;
        if (scopes.SequenceEqual(_scopes)) return;
        Unfollow();
        _scopes = scopes;
        foreach (var scope in scopes) _subscriptions.Add(Bus.Subscribe(scope, User.Actor, OnChange));
        // A view that loads first and follows after would miss a change committed in between: any
        // change since its load began makes it read again (the bus does not say which scope moved).
        if (_ownLoads > 0 && Bus.Sequence != _ownLoadFrom) _stale = true;
    }

    /// <summary>The component's own loads count as loads: a change during them is answered after them, never beside them.</summary>
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        if (_ownLoads++ == 0) _ownLoadFrom = Bus.Sequence;
        try
        {
            await base.SetParametersAsync(parameters);
        }
        finally
        {
            _ownLoads--;
        }
        if (_ownLoads == 0 && _stale && !_reloading) await ReloadWhileStaleAsync();
    }

    private void OnChange(Change change)
    {
        // One write may reach several scopes this view follows: changes that arrive before the posted reload starts share it.
        if (Interlocked.Exchange(ref _posted, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            Volatile.Write(ref _posted, 0);
            _stale = true;
            // The load under way reloads again when it ends.
            if (_reloading || _ownLoads > 0) return;
            await ReloadWhileStaleAsync();
        });
    }

    private async Task ReloadWhileStaleAsync()
    {
        _reloading = true;
        try
        {
            while (_stale && !_disposed)
            {
                _stale = false;
                try
                {
                    await _reload();
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    LiveLogger.LogError(ex, "Reloading {Component} after a change failed", GetType().Name);
                    LiveSnackbar.Add("Someone changed this page's data, and showing the change failed. Reload the page to see it.", MudBlazor.Severity.Error);
                }
            }
        }
        finally
        {
            _reloading = false;
        }
    }

    private void Unfollow()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        _scopes = [];
    }

    public virtual void Dispose()
    {
        _disposed = true;
        Unfollow();
        GC.SuppressFinalize(this);
    }
}
