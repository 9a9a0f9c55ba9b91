using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Interop;

namespace Dashboard.Ui.Kit;

/// <summary>
/// The one Plotly host: draws a figure, redraws it in place (React) when it is given a new one, and
/// reports what the person does on it: a click on a point, as the id its chart builder gave that
/// point, and a zoom or pan of the time axis.
/// </summary>
public partial class PlotlyFigure
{
    /// <summary>The chart; pages leave it null while prerendering, as nothing would draw it there.</summary>
    [Parameter, EditorRequired] public ChartFigure? Figure { get; set; }
    [Parameter] public string? TestId { get; set; }
    /// <summary>What the chart shows and where the same numbers are as text (a table nearby), for screen readers.</summary>
    [Parameter] public string? Label { get; set; }
    /// <summary>The chart element's id, for script that works on a drawn chart (the timeline's ring).</summary>
    [Parameter] public string Id { get; set; } = "plot-" + Guid.NewGuid().ToString("N");
    /// <summary>Plotly's own zoom and download buttons above the chart.</summary>
    [Parameter] public bool ModeBar { get; set; }
    /// <summary>Which id each clickable point stands for: (trace, point index) → id.</summary>
    [Parameter] public IReadOnlyDictionary<(int Trace, int Point), int>? PointIds { get; set; }
    /// <summary>A point of <see cref="PointIds"/> was clicked.</summary>
    [Parameter] public EventCallback<int> OnPointClicked { get; set; }
    /// <summary>The time axis was zoomed or panned: the span shown, as the axis reads it; null when back to the whole chart.</summary>
    [Parameter] public EventCallback<(DateTime From, DateTime To)?> OnZoomed { get; set; }
    /// <summary>After a new figure replaced the drawn one, for marks the figure does not carry (the timeline's ring).</summary>
    [Parameter] public Func<Task>? OnRedrawn { get; set; }

    private Config _config = new();
    private PlotlyChart? _plotly;
    private ChartFigure? _drawn;
    private bool _redraw;
    private Task? _clicks;
    private Task? _zooms;

    protected override void OnInitialized() => _config = new Config
    {
        Responsive = true, DisplayLogo = false,
        DisplayModeBar = ModeBar ? null : Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False,
    };

    protected override void OnParametersSet()
    {
        if (Figure is null || ReferenceEquals(Figure, _drawn)) return;
        // The first draw happens when PlotlyChart first renders; later ones are pushed with React.
        _redraw = _drawn is not null;
        _drawn = Figure;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_redraw || _plotly is null) return;
        _redraw = false;
        await _plotly.React();
        if (OnRedrawn is not null) await OnRedrawn();
    }

    // Plotly.Blazor raises AfterRender on every draw; one subscription to each event is enough.
    private void OnPlotRendered()
    {
        if (OnPointClicked.HasDelegate) _clicks ??= _plotly?.SubscribeClickEvent();
        if (OnZoomed.HasDelegate) _zooms ??= _plotly?.SubscribeRelayoutEvent();
    }

    private void OnRelayout(RelayoutEventData data)
    {
        // A zoom or pan names the new range; a double click or autoscale asks for the whole chart again.
        var span = ZoomSpan.Of(data.XRange);
        var whole = data.RawData?.ContainsKey("xaxis.autorange") == true;
        if (span is not null || whole) _ = InvokeAsync(() => OnZoomed.InvokeAsync(span));
    }

    private void OnClick(IEnumerable<EventDataPoint> points)
    {
        var point = points.FirstOrDefault();
        if (point is null || PointIds is null) return;
        if (ToInt(point.CurveNumber) is { } trace && ToInt(point.PointNumber ?? point.PointIndex) is { } index
            && PointIds.TryGetValue((trace, index), out var id))
            _ = InvokeAsync(() => OnPointClicked.InvokeAsync(id));
    }

    // Plotly.Blazor hands point indexes over as untyped JSON values.
    private static int? ToInt(object? value) => value switch
    {
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetInt32(),
        int i => i,
        long l => (int)l,
        double d => (int)d,
        _ => null,
    };
}
