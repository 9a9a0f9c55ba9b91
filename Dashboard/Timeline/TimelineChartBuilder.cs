using System.Globalization;
using Dashboard.Data.Timeline;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Dashboard.Impact;
using Dashboard.Ui.Kit;
using Dashboard.Changes;
using Dashboard.Data.Changes;

namespace Dashboard.Timeline;

/// <summary>The swimlane chart's traces and layout, which event each plotted point is, and its legend.</summary>
public sealed record TimelineChart(IList<ITrace> Traces, Plotly.Blazor.Layout Layout, IReadOnlyDictionary<(int Trace, int Point), int> EventAt, IReadOnlyList<LegendEntry> Legend);

/// <summary>
/// A legend entry, drawn as HTML below the chart: Plotly's own legend sits beside or under the plot
/// inside the chart's fixed height, and on a phone its rows squeezed the lanes to a sliver.
/// </summary>
/// <param name="Shape">A Plotly marker symbol ("x", "triangle-up", …), or "bar-x", "bar-slash" or "bar" for an impact level's hatch.</param>
public sealed record LegendEntry(string Label, string Color, string Shape);

/// <summary>A span of the chart's time axis in UTC: what the viewer has zoomed to.</summary>
public sealed record TimeWindow(DateTime From, DateTime To);

/// <summary>
/// Builds the swimlane timeline: one lane per affected service with its impact windows as bars
/// coloured by level, an events lane with one symbol and colour per kind, vertical lines for the
/// phases and shading for the detect, mitigate and recover phases.
/// </summary>
public static class TimelineChartBuilder
{
    public const string EventsLane = "Events";
    /// <summary>
    /// Above this many events the chart draws one marker per slot of the visible span instead of one
    /// per event, and leaves out the range slider (it draws every marker a second time). Drawing
    /// 5,000 SVG markers was most of the time to open such a timeline, and they overlapped into a
    /// smear anyway; zooming in rebuilds the slots for the new span, down to one event each.
    /// Markers stay SVG at every size: measured on a machine without a GPU, software WebGL spent
    /// about 0.5 s per frame reading pixels back; and SVG keeps every chart on Plotly's small basic bundle.
    /// </summary>
    public const int LargeTimeline = 1_000;

    /// <summary>Slots across the visible span of a large timeline: about 8 px apart for 11 px markers on a wide screen.</summary>
    public const int MarkerSlots = 150;

    /// <summary>Which kind a slot's marker shows when it holds several: the ones that mark the incident's course first.</summary>
    private static readonly EventKind[] Salience =
    [
        EventKind.Trigger, EventKind.Detection, EventKind.Resolution, EventKind.Recovery, EventKind.Mitigation,
        EventKind.Escalation, EventKind.Communication, EventKind.Investigation, EventKind.Note,
    ];

    private static readonly Dictionary<EventKind, (string Color, string Symbol)> KindStyle = new()
    {
        [EventKind.Trigger] = ("#d32f2f", "x"),
        [EventKind.Detection] = ("#f57c00", "triangle-up"),
        [EventKind.Escalation] = ("#7b1fa2", "star"),
        [EventKind.Investigation] = ("#0288d1", "circle"),
        [EventKind.Mitigation] = ("#3949ab", "diamond"),
        [EventKind.Communication] = ("#5d4037", "square"),
        [EventKind.Recovery] = ("#388e3c", "triangle-down"),
        [EventKind.Resolution] = ("#1b5e20", "hexagon"),
        [EventKind.Note] = ("#757575", "circle-open"),
    };

    /// <param name="now">Where windows without a published end stop while the incident is unresolved.</param>
    /// <param name="window">The span the viewer has zoomed to, in UTC; null for the whole incident. Only large timelines use it.</param>
    /// <param name="changes">Changes to draw on their services' lanes (see <see cref="Dashboard.Changes.ChangeMarkers"/>); a lane is added for a service with no impact window.</param>
    public static TimelineChart Build(TimelineData data, IReadOnlyList<TimelineEntry> events, ViewerZone zone, DateTime now, TimeWindow? window = null,
        IReadOnlyList<Data.Changes.ChangeMarker>? changes = null)
    {
        var eventAt = new Dictionary<(int, int), int>();
        var lanes = ImpactBars.Lanes(data.Impacts);
        var openEnd = data.Phases.OpenWindowEnd(now);
        var traces = ImpactBars.Traces(data.Impacts, openEnd, zone).ToList();
        var end = data.Phases.Resolved ?? events.LastOrDefault()?.OccurredAt ?? openEnd;

        var legend = ImpactBars.Legend(data.Impacts).ToList();

        var large = events.Count > LargeTimeline;
        var markers = (large ? SlotMarkers(events, window) : events.Select(e => new Marker(e, [e]))).ToList();
        foreach (var (kind, points) in markers.GroupBy(m => m.Shown.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList())))
        {
            for (var p = 0; p < points.Count; p++) eventAt[(traces.Count, p)] = points[p].Shown.Id;
            traces.Add(EventTrace(kind.ToString(), points, zone, KindStyle[kind]));
            legend.Add(new LegendEntry(kind.ToString(), KindStyle[kind].Color, KindStyle[kind].Symbol));
        }
        // Tagged moments get a ring over their marker, drawn as one more trace so its points click through to the event too.
        var moments = markers.Where(m => m.Shown.Moment is not null).ToList();
        if (moments.Count > 0)
        {
            for (var p = 0; p < moments.Count; p++) eventAt[(traces.Count, p)] = moments[p].Shown.Id;
            traces.Add(MomentTrace(moments, zone));
            legend.Add(new LegendEntry("Detection, diagnosis, repair, key moment", MomentColor, "circle-open"));
        }
        // Last, so the events' traces keep their places (clicks map trace and point to an event).
        if (changes is { Count: > 0 })
        {
            lanes.AddRange([.. Dashboard.Changes.ChangeMarkers.ExtraLanes(changes, lanes)]);
            traces.Add(Dashboard.Changes.ChangeMarkers.Trace(changes, zone));
            legend.Add(Dashboard.Changes.ChangeMarkers.Legend);
        }
        return new TimelineChart(traces, Layout(data.Phases, lanes, zone, end, rangeSlider: !large), eventAt, legend);
    }

    /// <summary>A marker on the events lane: the event it shows (and selects when clicked) and every event it stands for.</summary>
    private sealed record Marker(TimelineEntry Shown, IReadOnlyList<TimelineEntry> Events);

    /// <summary>
    /// One marker per slot that holds events. Slots cover the window and half a window either side, so
    /// a pan shows markers before the chart is rebuilt for it. A slot shows its key event, else its most
    /// salient kind; its hover counts the rest.
    /// </summary>
    private static IEnumerable<Marker> SlotMarkers(IReadOnlyList<TimelineEntry> events, TimeWindow? window)
    {
        if (events.Count == 0) return [];
        var (from, to) = window is { } w ? (w.From, w.To) : (events[0].OccurredAt, events[^1].OccurredAt);
        var margin = window is null ? TimeSpan.Zero : (to - from) / 2;
        var slot = Math.Max(1, (to - from).Ticks / MarkerSlots);
        var start = from - margin;
        return events.Where(e => e.OccurredAt >= start && e.OccurredAt <= to + margin)
            .GroupBy(e => (e.OccurredAt - start).Ticks / slot)
            .Select(g => g.ToList())
            .Select(inSlot => new Marker(inSlot.OrderByDescending(e => e.IsKey).ThenBy(e => Array.IndexOf(Salience, e.Kind)).First(), inSlot));
    }

    /// <summary>Where the selected event's marker sits, in the chart's coordinates: the browser rings it with a layout shape.</summary>
    public static ChartPoint SelectionAnchor(TimelineEntry selected, ViewerZone zone) => new(ChartText.Iso(zone.Convert(selected.OccurredAt)), EventsLane);

    private static Scatter EventTrace(string name, IReadOnlyList<Marker> points, ViewerZone zone, (string Color, string Symbol) style) =>
        new Scatter
        {
            Name = name,
            X = [.. points.Select(m => (object)ChartText.Iso(zone.Convert(m.Shown.OccurredAt)))],
            Y = [.. points.Select(_ => (object)EventsLane)],
            HoverTextArray = [.. points.Select(m => MarkerHover(m, zone))],
            HoverTemplate = "%{hovertext}<extra></extra>",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = style.Color, Size = 11, Symbol = Parse<Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum>(style.Symbol) },
        };

    private const string MomentColor = "#6a1b9a";

    private static Scatter MomentTrace(IReadOnlyList<Marker> points, ViewerZone zone) =>
        new()
        {
            Name = "moments",
            X = [.. points.Select(m => (object)ChartText.Iso(zone.Convert(m.Shown.OccurredAt)))],
            Y = [.. points.Select(_ => (object)EventsLane)],
            HoverTextArray = [.. points.Select(m => ChartText.Escape(Labels.Of(m.Shown.Moment!.Value)) + "<br>" + MarkerHover(m, zone))],
            HoverTemplate = "%{hovertext}<extra></extra>",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
            {
                Color = MomentColor, Size = 20, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen,
                Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Width = 2, Color = MomentColor },
            },
        };

    // The range slider draws every trace a second time in its mini-plot: for large timelines that
    // doubles the drawing, so they zoom by dragging on the chart (and Reset) instead.
    private static Plotly.Blazor.Layout Layout(PhaseTimes phases, List<string> lanes, ViewerZone zone, DateTime end, bool rangeSlider)
    {
        var shapes = new List<Shape>();
        var annotations = new List<Annotation>();
        Shade(shapes, phases.ImpactStart, phases.Detected, "rgba(245,124,0,0.10)", zone);
        Shade(shapes, phases.Detected, phases.Mitigated, "rgba(57,73,171,0.08)", zone);
        Shade(shapes, phases.Mitigated, phases.Resolved, "rgba(56,142,60,0.10)", zone);
        var marks = new (string Label, DateTime? At)[]
        {
            ("triggered", phases.Triggered), ("started", phases.Started), ("detected", phases.Detected),
            ("mitigated", phases.Mitigated), ("resolved", phases.Resolved),
        };
        var row = 0;
        foreach (var (label, at) in marks)
        {
            if (at is not { } t) continue;
            var x = ChartText.Iso(zone.Convert(t));
            shapes.Add(new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper", X0 = x, X1 = x, Y0 = 0, Y1 = 1,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = "#424242", Width = 1, Dash = "dot" },
            });
            // Three label heights, so phases minutes apart (detected 11:31, acknowledged 11:35) stay readable.
            annotations.Add(new Annotation
            {
                X = x, XRef = "x", Y = 1.02m + row++ % 3 * 0.07m, YRef = "paper", Text = $"{label} {zone.Convert(t):HH:mm}",
                ShowArrow = false, Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 10 },
                XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Left,
            });
        }
        var laneCount = lanes.Count + 1;
        return new Plotly.Blazor.Layout
        {
            Height = Math.Max(300, 170 + 34 * laneCount),
            Margin = new Margin { L = 10, R = 10, T = 90, B = 10 },
            ShowLegend = false, // drawn below the chart as HTML (LegendEntry)
            HoverMode = HoverModeEnum.Closest,
            BarMode = BarModeEnum.Overlay,
            Shapes = shapes,
            Annotations = annotations,
            XAxis =
            [
                new XAxis
                {
                    Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
                    Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = $"Time ({zone.Label(end)})" },
                    TickFormat = "%Y-%m-%d<br>%H:%M",
                    // Room below for the two-line ticks and the title: without the range slider they met.
                    AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
                    RangeSlider = new Plotly.Blazor.LayoutLib.XAxisLib.RangeSlider { Visible = rangeSlider, Thickness = 0.08m },
                },
            ],
            YAxis = [ImpactBars.LaneAxis([EventsLane, .. lanes])],
        };
    }

    private static void Shade(List<Shape> shapes, DateTime? from, DateTime? to, string color, ViewerZone zone)
    {
        if (from is not { } f || to is not { } t || t <= f) return;
        shapes.Add(new Shape
        {
            Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Rect, XRef = "x", YRef = "paper",
            X0 = ChartText.Iso(zone.Convert(f)), X1 = ChartText.Iso(zone.Convert(t)), Y0 = 0, Y1 = 1,
            FillColor = color, Layer = Plotly.Blazor.LayoutLib.ShapeLib.LayerEnum.Below,
            Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Width = 0 },
        });
    }

    private static string MarkerHover(Marker m, ViewerZone zone)
    {
        var e = m.Shown;
        if (m.Events.Count == 1)
            return $"<b>{e.Kind}</b> · {UtcTime.Format(e.OccurredAt)} UTC" +
                   (zone.IsLocal ? $" · {zone.Convert(e.OccurredAt):HH:mm} local" : "") +
                   (e.ServiceName is null ? "" : $"<br>{ChartText.Escape(e.ServiceName)}") +
                   $"<br>{ChartText.Escape(Shorten(e.Text, 160))}";
        var (first, last) = (zone.Convert(m.Events[0].OccurredAt), zone.Convert(m.Events[^1].OccurredAt));
        var kinds = string.Join(", ", m.Events.GroupBy(x => x.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
        return $"<b>{m.Events.Count} events</b> · {first:yyyy-MM-dd HH:mm:ss}–{last:HH:mm:ss} {(zone.IsLocal ? "local" : "UTC")}<br>{kinds}" +
               $"<br>Shown: {e.Kind}, {ChartText.Escape(Shorten(e.Text, 60))}<br>Zoom in to tell them apart; click to find it in the list";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";


    private static T Parse<T>(string plotlyName) where T : struct, Enum =>
        Enum.Parse<T>(plotlyName.Replace("-", ""), ignoreCase: true);
}
