using Dashboard.Data.Impact;
using Dashboard.Data.Catalog;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Data.Incidents;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Impact;

public partial class ImpactPanel
{
    /// <summary>A replay from start to end takes about this long, whatever the incident's length.</summary>
    private const int ReplayTicks = 120;
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Parameter] public EventCallback<int> CountChanged { get; set; }

    [Inject] private ImpactQueries Queries { get; set; } = default!;
    [Inject] private ImpactCommands Commands { get; set; } = default!;
    [Inject] private ServiceCatalogQueries Catalog { get; set; } = default!;
    [Inject] private BrowserInterop Browser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ImpactView? _view;
    private DependencyGraphFigure? _graph;
    private ChartFigure? _gantt;
    private ChartFigure? _count;
    private BlastRadiusResult? _radius;
    private int? _radiusOf;
    private int _offGraph;
    private string? _radiusSource;
    private string _radiusNames = "";
    private ServiceRef? _radiusService;
    private IReadOnlyList<ServiceRef>? _choices;
    private int _total = 1;
    private int _minute;
    private DateTime? _cursor;
    private List<(string Name, ImpactLevel Level)> _impairedNow = [];
    private bool _playing;
    private CancellationTokenSource? _play;
    private bool _local;
    private ViewerZone _zone = ViewerZone.Utc;
    private ViewerZone? _browserZone;

    protected override async Task OnInitializedAsync()
    {
        // Windows change with the incident; the graph and the names with the catalog.
        Follow(ReloadAsync, ChangeScope.Incident(IncidentId), ChangeScope.Catalog);
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        // The replay shows the moment in UTC and in the viewer's own zone, whichever the charts use.
        _browserZone = ViewerZone.Local(await Browser.TimeZoneAsync());
        StateHasChanged();
    }

    public override void Dispose()
    {
        _play?.Cancel();
        _play?.Dispose();
        base.Dispose();
    }

    private async Task ReloadAsync()
    {
        _view = await Queries.GetAsync(User.Actor, IncidentId);
        if (_view is null) return;
        _total = Math.Max(1, (int)Math.Ceiling((_view.To - _view.From).TotalMinutes));
        _minute = Math.Min(_minute, _total);
        if (_radiusOf is { } id) await LoadRadiusAsync(id);
        // The window may have moved (someone added an earlier impact): keep the slider and the time shown in step.
        if (_cursor is not null) Seek(_minute);
        else Rebuild();
        await CountChanged.InvokeAsync(_view.Windows.Count);
    }

    private void Rebuild()
    {
        if (_view is null) return;
        var state = _cursor is { } at ? _view.StateAt(at) : null;
        _graph = DependencyGraphBuilder.Build(_view, state, _radius, _zone);
        _gantt = ImpactGanttBuilder.Gantt(_view, _zone, _cursor);
        _count = ImpactGanttBuilder.ImpairedCount(_view, _zone, _cursor);
        _impairedNow = state is null ? [] :
            [.. _view.Nodes.Where(n => state.ContainsKey(n.Id)).Select(n => (n.Name, state[n.Id])).OrderByDescending(s => s.Item2).ThenBy(s => s.Name)];
    }

    /// <summary>Any service of the catalog: the services drawn on this incident's graph are offered first.</summary>
    private async Task<IEnumerable<ServiceRef>> SearchServicesAsync(string? text, CancellationToken ct)
    {
        _choices ??= await Catalog.ChoicesAsync(ct);
        var drawn = _view?.Nodes.Select(n => n.Id).ToHashSet() ?? [];
        return _choices.Where(s => s.Matches(text))
            .OrderBy(s => drawn.Contains(s.Id) ? 0 : 1).ThenBy(s => s.Name);
    }

    private Task ChooseRadiusAsync(ServiceRef? service) => SelectRadiusAsync(service?.Id);

    /// <summary>From the picker or a click on a node.</summary>
    private async Task SelectRadiusAsync(int? serviceId)
    {
        _radiusOf = serviceId;
        if (serviceId is { } id) await LoadRadiusAsync(id);
        else (_radius, _radiusService) = (null, null);
        Rebuild();
    }

    private async Task LoadRadiusAsync(int serviceId)
    {
        _radius = await Catalog.BlastRadiusAsync(serviceId);
        var drawn = _view!.Nodes.Select(n => n.Id).ToHashSet();
        _offGraph = _radius.Dependents.Count(d => !drawn.Contains(d.Service.Id));
        _choices ??= await Catalog.ChoicesAsync();
        _radiusService = _choices.FirstOrDefault(s => s.Id == serviceId);
        _radiusSource = _radiusService?.Name ?? _view.Nodes.FirstOrDefault(n => n.Id == serviceId)?.Name;
        _radiusNames = string.Join(", ", _radius.Dependents.Select(d => d.Service.Name));
    }

    private void Seek(int minute)
    {
        _minute = Math.Clamp(minute, 0, _total);
        _cursor = _view!.From.AddMinutes(_minute);
        Rebuild();
    }

    private void ResetReplay()
    {
        StopPlaying();
        _cursor = null;
        _minute = 0;
        Rebuild();
    }

    private void TogglePlay()
    {
        if (_playing) { StopPlaying(); return; }
        if (_minute >= _total) _minute = 0;
        _playing = true;
        _play = new CancellationTokenSource();
        _ = PlayAsync(_play.Token);
    }

    private void StopPlaying()
    {
        _playing = false;
        _play?.Cancel();
        _play?.Dispose();
        _play = null;
    }

    private async Task PlayAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TickInterval);
        var step = Math.Max(1, _total / ReplayTicks);
        Seek(_minute);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(() =>
                {
                    if (ct.IsCancellationRequested) return;
                    if (_view is null)
                    {
                        StopPlaying(); // the incident was deleted meanwhile: nothing left to replay
                        StateHasChanged();
                        return;
                    }
                    Seek(_minute + step);
                    if (_minute >= _total) StopPlaying();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // Paused, or the user left.
        }
    }

    private async Task OnLocalChanged(bool local)
    {
        _local = local;
        _zone = local ? ViewerZone.Local(await Browser.TimeZoneAsync()) : ViewerZone.Utc;
        if (local && !_zone.IsLocal) Snackbar.Add("Your browser's time zone could not be read; showing UTC.", MudBlazor.Severity.Warning);
        Rebuild();
    }

    private async Task AddAsync()
    {
        if (_view is null) return;
        ShowSaved(await ImpactWindowDialog.ShowAsync(Dialogs, IncidentId, _view.ReferenceDate, null));
    }

    private async Task EditAsync(ImpactWindowItem window)
    {
        if (_view is null) return;
        ShowSaved(await ImpactWindowDialog.ShowAsync(Dialogs, IncidentId, _view.ReferenceDate, window));
    }

    private async Task DeleteAsync(ImpactWindowItem window)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete impact window?",
            $"The {Labels.Of(window.Level).ToLowerInvariant()} window of {window.ServiceName} from {window.StartedAt:yyyy-MM-dd HH:mm} UTC will be deleted.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        var result = await Commands.DeleteAsync(User.Actor, IncidentId, window.Id, window.Version);
        Snackbar.Show(result, "Impact window deleted.", MudBlazor.Severity.Info);
    }

    private void ShowSaved(CommandResult? saved)
    {
        if (saved is not null) Snackbar.Show(saved, "Impact window saved.");
    }
}
