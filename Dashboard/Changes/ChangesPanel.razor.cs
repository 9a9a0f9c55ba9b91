using Dashboard.Data.Changes;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Api;
using Dashboard.Data.Incidents;
using Dashboard.Ui.Kit;

namespace Dashboard.Changes;

/// <summary>
/// "Changes before this incident": the changes of the window ranked by the dependency graph, each with
/// its reason, and for responders the buttons to mark the trigger or a contributing change. It tells
/// the page which change is marked as the trigger, for the header.
/// </summary>
public partial class ChangesPanel
{
    /// <summary>Rows shown before "Show all": enough for the usual suspects, short enough to keep the page's top in view.</summary>
    public const int Collapsed = 5;

    [Parameter, EditorRequired] public int IncidentId { get; set; }
    /// <summary>The title of the change marked as the trigger (at most 80 characters), or null; raised when it changes.</summary>
    [Parameter] public EventCallback<string?> TriggerChanged { get; set; }

    [Inject] private ChangeQueries Queries { get; set; } = default!;
    [Inject] private ChangeCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IncidentChanges? _changes;
    private bool _all;
    private bool _busy;
    private bool _failed;
    private string? _trigger;
    private int _loaded;
    /// <summary>The window the user chose; null: the default (24 hours before the start to the end of impact).</summary>
    private (DateTime From, DateTime To)? _window;
    private string? _fromText;
    private string? _toText;
    private Dictionary<string, string> _windowErrors = [];

    private IEnumerable<RankedChangeItem> Shown => _all ? _changes!.Items : _changes!.Items.Take(Collapsed);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == IncidentId) return;
        _loaded = IncidentId;
        _changes = null;
        _window = null;
        _fromText = _toText = null;
        await LoadAsync();
        Follow(LoadAsync, ChangeScope.Incident(IncidentId), ChangeScopes.Changes);
    }

    private async Task LoadAsync()
    {
        _changes = await Queries.BeforeIncidentAsync(User.Actor, IncidentId, _window?.From, _window?.To);
        _failed = _changes is null;
        // The fields show the window searched until the user types another.
        if (_changes is not null && _windowErrors.Count == 0)
        {
            _fromText = UtcTime.Format(_changes.From);
            _toText = UtcTime.Format(_changes.To);
        }
        // Shortened for the header's one line; the panel shows it whole.
        var trigger = _changes?.Trigger?.Change.Title is { } title ? (title.Length <= 80 ? title : title[..79] + "…") : null;
        if (trigger == _trigger) return;
        _trigger = trigger;
        await TriggerChanged.InvokeAsync(trigger);
    }

    private Task ApplyWindowAsync()
    {
        var errors = new Dictionary<string, string>();
        var window = ChangeWindow.TryRead(_fromText, _toText, errors);
        _windowErrors = errors;
        if (window is null) return Task.CompletedTask;
        _window = window;
        return ReloadAsync();
    }

    /// <summary>A look-back from the start, to the window's current end.</summary>
    private Task LookBackAsync(TimeSpan span)
    {
        _windowErrors = [];
        _window = (_changes!.Start - span, _changes.To < _changes.Start ? _changes.Start : _changes.To);
        return ReloadAsync();
    }

    private Task DefaultWindowAsync()
    {
        _windowErrors = [];
        _window = null;
        return ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _changes = null;
        _all = false;
        await LoadAsync();
    }

    private static string SpanText(TimeSpan span) => span.TotalHours < 48 ? $"{span.TotalHours:0} h" : $"{span.TotalDays:0} days";

    private async Task MarkAsync(RankedChangeItem row, ChangeRole? role)
    {
        _busy = true;
        var result = await Commands.MarkAsync(User.Actor, IncidentId, row.Change.Id, role);
        _busy = false;
        Snackbar.Show(result, role is { } r ? $"Marked as {ChangeCommands.Word(r)}: {row.Change.Title}" : "Mark cleared.");
    }

    private static string KindText(ChangeKind kind) => ChangeRules.Name(kind).Replace('-', ' ');

    private static string MarkText(ChangeRole role) => role == ChangeRole.Trigger ? "Trigger" : "Contributing";

    private static string Sentence(string reason) => reason.Length == 0 ? reason : char.ToUpperInvariant(reason[0]) + reason[1..];
}
