using Dashboard.Data.Timeline;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Data.Incidents;
using Dashboard.Ui.Kit;
using Dashboard.Api;
using Dashboard.Data.Changes;

namespace Dashboard.Timeline;

public partial class TimelineView
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Parameter] public EventCallback<int> CountChanged { get; set; }
    /// <summary>The incident's address and tags, to suggest the Slack channel named like it.</summary>
    [Parameter, EditorRequired] public string Slug { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<string> Tags { get; set; } = [];

    [Inject] private TimelineQueries Queries { get; set; } = default!;
    [Inject] private TimelineCommands Commands { get; set; } = default!;
    [Inject] private Data.Changes.ChangeQueries ChangeQueries { get; set; } = default!;
    [Inject] private Data.Questions.QuestionQueries QuestionQueries { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private BrowserInterop Browser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private TimelineData? _data;
    /// <summary>Questions for the review per event, marked on the event's row.</summary>
    private IReadOnlyDictionary<int, int> _questionCounts = new Dictionary<int, int>();
    private IReadOnlyList<TimelineEntry> _visible = [];
    private TimelineChart? _chart;
    private ChartPoint? _selectedPoint;
    private TimelinePlot? _plot;
    private TimelineFilter _filter = TimelineFilter.None;
    private IReadOnlyCollection<EventKind> _kinds = [];
    private IReadOnlyCollection<int> _services = [];
    private List<(int Id, string Name)> _serviceChoices = [];
    private bool _keyOnly;
    private bool _local;
    private ViewerZone _zone = ViewerZone.Utc;
    private int? _selectedId;
    /// <summary>The span the chart is zoomed to, in UTC; a large timeline draws its markers for it.</summary>
    private TimeWindow? _window;

    protected override async Task OnParametersSetAsync()
    {
        // Service names show in the lanes: a catalog edit redraws them too.
        Follow(ReloadAsync, ChangeScope.Incident(IncidentId), ChangeScope.Catalog, Data.Changes.ChangeScopes.Changes);
        if (_data?.IncidentId != IncidentId) await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _data = await Queries.GetAsync(User.Actor, IncidentId);
        if (_data is null) return;
        _changes = await ChangeQueries.MarkersAsync(User.Actor, IncidentId);
        _questionCounts = await QuestionQueries.CountsByEventAsync(User.Actor, IncidentId);
        _serviceChoices = [.. _data.Events.Where(e => e.ServiceId is not null).Select(e => (e.ServiceId!.Value, e.ServiceName!))
            .Distinct().OrderBy(s => s.Item2)];
        Rebuild();
        await CountChanged.InvokeAsync(_data.Events.Count);
    }

    private void Rebuild()
    {
        if (_data is null) return;
        _filter = new TimelineFilter(_kinds.ToHashSet(), _services.ToHashSet(), _keyOnly);
        _visible = _filter.Apply(_data.Events);
        _chart = TimelineChartBuilder.Build(_data, _visible, _zone, Clock.GetUtcNow().UtcDateTime, _window, _showChanges ? _changes : null);
        UpdateRing();
    }

    private void UpdateRing() =>
        _selectedPoint = _visible.FirstOrDefault(e => e.Id == _selectedId) is { } selected ? TimelineChartBuilder.SelectionAnchor(selected, _zone) : null;

    private void OnKindsChanged(IEnumerable<EventKind>? kinds) { _kinds = kinds?.ToList() ?? []; Rebuild(); }
    private void OnServicesChanged(IEnumerable<int>? ids) { _services = ids?.ToList() ?? []; Rebuild(); }
    private void OnKeyOnlyChanged(bool keyOnly) { _keyOnly = keyOnly; Rebuild(); }
    private void OnShowChangesChanged(bool show) { _showChanges = show; Rebuild(); }

    // Deploys and configuration changes on their services' lanes; the switch hides them.
    private IReadOnlyList<Data.Changes.ChangeMarker> _changes = [];
    private bool _showChanges = true;

    private string ServicesText(IReadOnlyList<string> ids) =>
        string.Join(", ", _serviceChoices.Where(s => ids.Contains(s.Id.ToString())).Select(s => s.Name));

    private async Task OnLocalChanged(bool local)
    {
        _local = local;
        _zone = local ? ViewerZone.Local(await Browser.TimeZoneAsync()) : ViewerZone.Utc;
        if (local && !_zone.IsLocal) Snackbar.Add("Your browser's time zone could not be read; showing UTC.", MudBlazor.Severity.Warning);
        Rebuild();
    }

    private async Task SelectAsync(int eventId)
    {
        _selectedId = eventId;
        UpdateRing();
        await Browser.ScrollIntoViewAsync($"event-{eventId}");
    }

    private void ResetZoom()
    {
        _plot?.Reset();
        _window = null;
        Rebuild();
    }

    /// <summary>
    /// Every zoom is remembered (a filter may make the timeline large again), but only a large timeline
    /// is rebuilt for it: a small one already has a marker per event.
    /// </summary>
    private void OnZoomed((DateTime From, DateTime To)? shown)
    {
        var window = shown is { } s ? new TimeWindow(_zone.ToUtc(s.From), _zone.ToUtc(s.To)) : null;
        if (window == _window) return;
        _window = window;
        if (_visible.Count > TimelineChartBuilder.LargeTimeline) Rebuild();
    }

    private async Task AddAsync()
    {
        if (_data is null) return;
        var saved = await EventDialog.ShowAsync(Dialogs, IncidentId, _data.Context.ReferenceDate, null);
        ShowSaved(saved);
    }

    private async Task EditAsync(TimelineEntry entry)
    {
        if (_data is null) return;
        var saved = await EventDialog.ShowAsync(Dialogs, IncidentId, _data.Context.ReferenceDate, entry);
        ShowSaved(saved);
    }

    private async Task DeleteAsync(TimelineEntry entry)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete event?", $"The {entry.Kind.ToString().ToLowerInvariant()} event at {entry.OccurredAt:yyyy-MM-dd HH:mm} UTC will be deleted.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        var deleted = await Commands.DeleteAsync(User.Actor, IncidentId, entry.Id, entry.Version);
        Snackbar.Show(deleted, "Event deleted.", MudBlazor.Severity.Info, configure: options =>
        {
            options.Action = "Undo";
            options.ActionColor = Color.Primary;
            options.OnClick = async _ => Snackbar.Show(await Commands.RestoreAsync(User.Actor, IncidentId, entry),
                failedSeverity: MudBlazor.Severity.Error, failedPrefix: "The event cannot be restored");
        });
    }

    private async Task ImportAsync()
    {
        if (_data is null) return;
        var count = await ImportDialog.ShowAsync(Dialogs, IncidentId, _data.Context);
        if (count > 0) Snackbar.Add($"Imported {count} event{(count == 1 ? "" : "s")}.", MudBlazor.Severity.Success);
    }

    private async Task ImportSlackAsync()
    {
        if (_data is null) return;
        var count = await SlackImportDialog.ShowAsync(Dialogs, IncidentId, Slug, Tags, _data.Phases, _data.RecordedAt);
        if (count > 0) Snackbar.Add($"Imported {count} Slack message{(count == 1 ? "" : "s")}.", MudBlazor.Severity.Success);
    }

    private void ShowSaved(CommandResult? saved)
    {
        if (saved is not null) Snackbar.Show(saved, "Event saved.");
    }
}
