using Dashboard.Data.Budgets;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Dashboard.Ui.Kit;

namespace Dashboard.Impact;

/// <summary>The review's budget burn: per service, the share of its error budget consumed in its window over time, against the 100% line.</summary>
public static class BudgetBurnChartBuilder
{
    /// <summary>Enough lines to compare; the rest are in the table below the chart.</summary>
    public const int MaxServices = 8;

    /// <summary>
    /// The axis is logarithmic, so a budget used many times over and the 100% line fit on one chart;
    /// values under this percentage (including zero) are drawn at it, and hover shows the real value.
    /// </summary>
    public const double Floor = 1;

    /// <summary>The chart for the review's period; an open end is the first point or now. Null when nothing burned.</summary>
    public static ChartFigure? ForPeriod(IReadOnlyList<ServiceBurn> burns, DateTime? from, DateTime? to, DateTime now)
    {
        var points = burns.SelectMany(b => b.Points).ToList();
        return points.Count == 0 ? null : Build(burns, from ?? points.Min(p => p.At), to ?? now);
    }

    public static ChartFigure Build(IReadOnlyList<ServiceBurn> burns, DateTime from, DateTime to)
    {
        var shown = burns.OrderByDescending(b => b.Peak).Take(MaxServices).ToList();
        var traces = shown.Select(b => (ITrace)new Scatter
        {
            Name = b.ServiceName,
            X = [.. b.Points.Select(p => (object)p.At.ToString("yyyy-MM-dd HH:mm"))],
            Y = [.. b.Points.Select(p => (object)Math.Max(Floor, Math.Round(p.Share * 100, 1)))],
            TextArray = [.. b.Points.Select(p => $"{p.Share * 100:0.#}%")],
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            HoverTemplate = $"{b.ServiceName} ({b.Slo.Describe()})<br>%{{x}} UTC: %{{text}} of budget<extra></extra>",
        }).ToList();
        traces.Add(new Scatter
        {
            Name = "100% of budget", X = [from.ToString("yyyy-MM-dd HH:mm"), to.ToString("yyyy-MM-dd HH:mm")], Y = [100, 100],
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#d32f2f", Dash = "dash", Width = 2 },
            HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Skip,
        });
        return new ChartFigure(traces, new Plotly.Blazor.Layout
        {
            Title = new Title { Text = "Error budget burn per service (UTC)", Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 14 } },
            Height = 340,
            Margin = new Margin { L = 55, R = 10, T = 40, B = 40 },
            XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "% of budget used (log)" }, Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log }],
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.2m }],
        });
    }
}
