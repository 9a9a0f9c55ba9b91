using Dashboard.Data.Door;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Shared;

/// <summary>
/// A view that follows the change bus: it reloads when a write commits in one of its scopes,
/// whoever made it (the user who made the change sees it through the same path). Reloads run on
/// the circuit's dispatcher; one that fails shows a message and keeps the page as it was.
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
    private int _queued;

    /// <summary>Reload with <paramref name="reload"/> when any of <paramref name="scopes"/> changes; a new call replaces the earlier one.</summary>
    protected void Follow(Func<Task> reload, params ChangeScope[] scopes)
    {
        _reload = reload;
        if (scopes.SequenceEqual(_scopes)) return;
        Unfollow();
        _scopes = scopes;
        foreach (var scope in scopes) _subscriptions.Add(Bus.Subscribe(scope, User.Actor, OnChange));
    }

    private void OnChange(Change change)
    {
        // One write may reach several scopes this view follows: changes that arrive before the reload runs share it.
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            Volatile.Write(ref _queued, 0);
            try
            {
                await _reload();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                LiveLogger.LogError(ex, "Reloading {Component} after {Action} failed", GetType().Name, change.Action);
                LiveSnackbar.Add("Someone changed this page's data, and showing the change failed. Reload the page to see it.", MudBlazor.Severity.Error);
            }
        });
    }

    private void Unfollow()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        _scopes = [];
    }

    public virtual void Dispose()
    {
        Unfollow();
        GC.SuppressFinalize(this);
    }
}
