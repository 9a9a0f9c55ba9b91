using Dashboard.Data.Review;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Dashboard.Ui.Kit;

namespace Dashboard.Review;

/// <summary>The strip plot and the point each marker stands for (trace, point) → index into the report's points.</summary>
public sealed record DurationStrip(ChartFigure Figure, IReadOnlyDictionary<(int Trace, int Point), int> PointAt);

/// <summary>
/// Every incident of the period as a point on a strip per phase (time to detect, mitigate, resolve), so
/// the skew and the outliers stay visible; the median and its 95% interval sit on each strip.
/// </summary>
public static class DurationStripBuilder
{
    private static readonly Dictionary<Severity, string> SeverityColor = new()
    {
        [Severity.Sev1] = "#d32f2f", [Severity.Sev2] = "#f57c00", [Severity.Sev3] = "#0288d1", [Severity.Sev4] = "#9e9e9e",
    };

    /// <summary>A log axis cannot show zero: a phase reached in under a minute is drawn at one minute (its hover says the real value).</summary>
    private const double FloorHours = 1.0 / 60;

    public static DurationStrip Build(IReadOnlyList<DurationPoint> points, IReadOnlyList<PhaseOverview> phases)
    {
        var traces = new List<ITrace>();
        var pointAt = new Dictionary<(int, int), int>();
        foreach (var (severity, color) in SeverityColor)
        {
            var drawn = new List<(int Index, DurationPhase Phase, double Minutes)>();
            for (var i = 0; i < points.Count; i++)
            {
                if (points[i].Severity != severity) continue;
                foreach (var phase in Enum.GetValues<DurationPhase>())
                    if (points[i].Of(phase) is { } minutes) drawn.Add((i, phase, minutes));
            }
            if (drawn.Count == 0) continue;
            for (var n = 0; n < drawn.Count; n++) pointAt[(traces.Count, n)] = drawn[n].Index;
            traces.Add(new Scatter
            {
                Name = severity.ToString().ToUpperInvariant(),
                X = [.. drawn.Select(d => (object)Math.Max(FloorHours, Math.Round(d.Minutes / 60, 3)))],
                Y = [.. drawn.Select(d => (object)(Lane(d.Phase) + Jitter(points[d.Index].Slug)))],
                HoverTextArray = [.. drawn.Select(d => ChartText.Escape(points[d.Index].Title) + "<br>" + Label(d.Phase) + ": " + Durations.Format(TimeSpan.FromMinutes(Math.Round(d.Minutes))))],
                HoverTemplate = "%{hovertext}<extra></extra>",
                Mode = ModeFlag.Markers,
                Marker = new Marker { Color = color, Size = 9, Opacity = 0.75m },
            });
        }
        var withMedian = phases.Where(p => p.Current.MedianMinutes is not null).ToList();
        if (withMedian.Count > 0)
            traces.Add(new Scatter
            {
                Name = "median, 95% interval",
                X = [.. withMedian.Select(p => (object)Math.Max(FloorHours, p.Current.MedianMinutes!.Value / 60))],
                Y = [.. withMedian.Select(p => (object)Lane(p.Phase))],
                HoverTextArray = [.. withMedian.Select(p => $"median {Label(p.Phase)}: {Format(p.Current.MedianMinutes)}, n = {p.Current.Measured}"
                    + (p.Current.MedianInterval is { } ci ? $"<br>95% interval {Format(ci.Low)} – {Format(ci.High)}" : ""))],
                HoverTemplate = "%{hovertext}<extra></extra>",
                Mode = ModeFlag.Markers,
                Marker = new Marker
                {
                    Color = "#212121", Size = 16, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.DiamondOpen,
                    Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Width = 2, Color = "#212121" },
                },
                ErrorX = new ErrorX
                {
                    Type = Plotly.Blazor.Traces.ScatterLib.ErrorXLib.TypeEnum.Data, Symmetric = false, Color = "#212121",
                    Array = [.. withMedian.Select(p => (object)(p.Current.MedianInterval is { } ci ? (ci.High - p.Current.MedianMinutes!.Value) / 60 : 0))],
                    ArrayMinus = [.. withMedian.Select(p => (object)(p.Current.MedianInterval is { } ci ? Math.Max(0, p.Current.MedianMinutes!.Value - Math.Max(ci.Low, 1)) / 60 : 0))],
                },
            });
        var layout = new Plotly.Blazor.Layout
        {
            Title = new Title { Text = "Each incident's time from impact start (log scale)", Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 14 } },
            Height = 320,
            Margin = new Margin { L = 80, R = 10, T = 40, B = 40 },
            // Durations span minutes to weeks: a log axis, labelled in the units people say.
            XAxis = [new XAxis
            {
                Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log,
                TickVals = [.. AxisTicks.Select(t => (object)t.Hours)], TickText = [.. AxisTicks.Select(t => (object)t.Label)],
            }],
            YAxis = [new YAxis
            {
                TickVals = [.. Enum.GetValues<DurationPhase>().Select(p => (object)Lane(p))],
                TickText = [.. Enum.GetValues<DurationPhase>().Select(p => (object)Label(p))],
                Range = [-0.5, 2.6], ZeroLine = false,
            }],
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.25m }],
            HoverMode = HoverModeEnum.Closest,
        };
        return new DurationStrip(new ChartFigure(traces, layout), pointAt);
    }

    private static readonly (double Hours, string Label)[] AxisTicks =
        [(1.0 / 60, "1 m"), (5.0 / 60, "5 m"), (0.25, "15 m"), (1, "1 h"), (4, "4 h"), (24, "1 d"), (168, "1 w"), (720, "30 d")];

    public static string Label(DurationPhase phase) => phase switch
    {
        DurationPhase.Detect => "to detect",
        DurationPhase.Mitigate => "to mitigate",
        _ => "to resolve",
    };

    private static int Lane(DurationPhase phase) => (int)phase;

    /// <summary>A spread within the lane that depends only on the incident, so a redraw does not move its point.</summary>
    private static double Jitter(string slug)
    {
        var hash = 17u;
        foreach (var c in slug) hash = hash * 31 + c;
        return (hash % 1000 / 1000.0 - 0.5) * 0.5;
    }

    private static string Format(double? minutes) => minutes is { } m ? Durations.Format(TimeSpan.FromMinutes(Math.Round(m))) : "—";
}
