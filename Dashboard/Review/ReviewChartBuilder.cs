using Dashboard.Data.Review;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Dashboard.Ui.Kit;

namespace Dashboard.Review;

/// <summary>The review's trend charts, one per question leadership asks.</summary>
public static class ReviewChartBuilder
{
    private static readonly Dictionary<Severity, string> SeverityColor = new()
    {
        [Severity.Sev1] = "#d32f2f", [Severity.Sev2] = "#f57c00", [Severity.Sev3] = "#0288d1", [Severity.Sev4] = "#9e9e9e",
    };

    /// <summary>How many incidents, how bad: incidents per UTC month stacked by severity.</summary>
    public static ChartFigure IncidentsPerMonth(IReadOnlyList<MonthPoint> months) => new(
        [.. SeverityColor.Select(s => (ITrace)new Bar
        {
            Name = s.Key.ToString().ToUpperInvariant(), X = Labels(months),
            Y = [.. months.Select(m => (object)m.IncidentsBySeverity.GetValueOrDefault(s.Key))],
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = s.Value },
        })],
        Layout("Incidents per month (UTC)", "incidents", BarModeEnum.Stack));

    /// <summary>How fast we recover: median time to resolve per month, in hours.</summary>
    public static ChartFigure MedianResolvePerMonth(IReadOnlyList<MonthPoint> months) => new(
        [new Scatter
        {
            Name = "median time to resolve", X = Labels(months),
            Y = [.. months.Select(m => m.MedianResolveMinutes is { } v ? (object)Math.Round(v / 60, 1) : null!)],
            // A month's median may rest on one incident: the hover says how many.
            HoverTextArray = [.. months.Select(m => m.MedianResolveMinutes is { } v ? $"{m.Month:MMM yyyy}: median {Math.Round(v / 60, 1)} h, n = {m.ResolvedCount}" : $"{m.Month:MMM yyyy}: no resolved incident")],
            HoverTemplate = "%{hovertext}<extra></extra>",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            ConnectGaps = false,
        }],
        Layout("Median time to resolve per month", "hours", BarModeEnum.Group));

    /// <summary>Are follow-ups happening: actions opened and closed per month, and the open backlog.</summary>
    public static ChartFigure ActionsPerMonth(IReadOnlyList<MonthPoint> months) => new(
        [
            new Bar { Name = "opened", X = Labels(months), Y = [.. months.Select(m => (object)m.ActionsOpened)], Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#fb8c00" } },
            new Bar { Name = "closed (done)", X = Labels(months), Y = [.. months.Select(m => (object)m.ActionsClosed)], Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#43a047" } },
            new Scatter { Name = "open at month end", X = Labels(months), Y = [.. months.Select(m => (object)m.OpenAtMonthEnd)], Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines },
        ],
        Layout("Actions opened vs closed per month", "actions", BarModeEnum.Group));

    // Months as dates on a date axis, so Plotly spaces and labels them ("Oct 2025") however many there are.
    private static List<object> Labels(IReadOnlyList<MonthPoint> months) => [.. months.Select(m => (object)m.Month.ToString("yyyy-MM-dd"))];

    private static Plotly.Blazor.Layout Layout(string title, string yTitle, BarModeEnum barMode) => new()
    {
        Title = new Title { Text = title, Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 14 } },
        Height = 300,
        Margin = new Margin { L = 50, R = 10, T = 40, B = 40 },
        BarMode = barMode,
        XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, TickFormat = "%b %Y" }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }],
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.2m }],
    };
}
