using Dashboard.Data.Graph;
using Dashboard.Data.Impact;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Dashboard.Ui.Kit;

namespace Dashboard.Impact;

/// <summary>
/// Impact over time: a Gantt of the impact windows per service (horizontal bars with a base, one
/// trace per level) and a step chart of how many services were impaired at each moment. Both carry
/// a cursor at the replay's moment, so the charts and the graph tell the same story.
/// </summary>
public static class ImpactGanttBuilder
{
    public static ChartFigure Gantt(ImpactView view, ViewerZone zone, DateTime? cursor)
    {
        var lanes = ImpactBars.Lanes(view.Windows);
        var traces = ImpactBars.Traces(view.Windows, view.OpenEnd, zone).ToList();
        var layout = Layout(view, zone, cursor, Math.Max(220, 90 + 30 * lanes.Count), "Impact windows per service");
        layout.BarMode = BarModeEnum.Overlay;
        layout.YAxis = [ImpactBars.LaneAxis(lanes)];
        return new ChartFigure(traces, layout);
    }

    public static ChartFigure ImpairedCount(ImpactView view, ViewerZone zone, DateTime? cursor)
    {
        var steps = ImpactStates.ImpairedCount(view.Spans, view.OpenEnd);
        // Start from zero at the beginning of the replay window so the first rise is visible.
        if (steps.Count == 0 || steps[0].At > view.From) steps.Insert(0, (view.From, 0));
        var trace = new Scatter
        {
            Name = "services impaired",
            X = [.. steps.Select(s => (object)ChartText.Iso(zone.Convert(s.At)))],
            Y = [.. steps.Select(s => (object)s.Count)],
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Color = "#c62828", Width = 2 },
            Fill = Plotly.Blazor.Traces.ScatterLib.FillEnum.ToZeroY, FillColor = "rgba(198,40,40,0.12)",
            HoverTemplate = "%{y} impaired from %{x|%Y-%m-%d %H:%M}<extra></extra>",
        };
        var layout = Layout(view, zone, cursor, 220, "Services impaired at each moment");
        layout.ShowLegend = false;
        layout.YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "services" }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
            AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True, FixedRange = true }];
        return new ChartFigure([trace], layout);
    }

    private static Plotly.Blazor.Layout Layout(ImpactView view, ViewerZone zone, DateTime? cursor, int height, string title) => new()
    {
        Title = new Title { Text = title, Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 14 }, X = 0, XAnchor = Plotly.Blazor.LayoutLib.TitleLib.XAnchorEnum.Left },
        Height = height,
        Margin = new Margin { L = 10, R = 10, T = 40, B = 10 },
        HoverMode = HoverModeEnum.Closest,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 1, XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Right, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
        XAxis =
        [
            new XAxis
            {
                Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, TickFormat = "%Y-%m-%d<br>%H:%M", AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
                Range = [ChartText.Iso(zone.Convert(view.From.AddMinutes(-10))), ChartText.Iso(zone.Convert(view.To.AddMinutes(10)))],
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = $"Time ({zone.Label(view.From)})" },
            },
        ],
        Shapes = cursor is { } c ? [Cursor(zone.Convert(c))] : [],
    };

    private static Shape Cursor(DateTime at) => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper", X0 = ChartText.Iso(at), X1 = ChartText.Iso(at), Y0 = 0, Y1 = 1,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = ImpactColors.Highlight, Width = 2 },
    };
}
