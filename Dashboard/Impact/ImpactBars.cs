using Dashboard.Data.Impact;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Dashboard.Timeline;
using Dashboard.Ui.Kit;

namespace Dashboard.Impact;

/// <summary>
/// Impact windows as horizontal bars, one trace per level: the timeline's service lanes and the
/// Impact tab's Gantt are drawn by this one builder, so they show the same bars, colours and hover.
/// </summary>
public static class ImpactBars
{
    /// <summary>Lanes in the order services were first hit, so the spread of the outage reads top to bottom.</summary>
    public static List<string> Lanes(IEnumerable<ImpactWindowItem> windows) =>
        [.. windows.GroupBy(w => w.ServiceName).OrderBy(g => g.Min(w => w.StartedAt)).ThenBy(g => g.Key).Select(g => g.Key)];

    /// <summary>
    /// The lanes' axis: one row per lane, top to bottom in the given order. Long names are drawn on
    /// two lines, so the lanes keep their width on a phone.
    /// </summary>
    public static YAxis LaneAxis(IReadOnlyList<string> lanes) => new()
    {
        Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category,
        CategoryOrder = Plotly.Blazor.LayoutLib.YAxisLib.CategoryOrderEnum.Array,
        CategoryArray = [.. lanes],
        TickMode = Plotly.Blazor.LayoutLib.YAxisLib.TickModeEnum.Array,
        TickVals = [.. lanes],
        TickText = [.. lanes.Select(l => (object)ChartText.Wrap(l))],
        AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,
        AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True, FixedRange = true,
    };

    /// <param name="openEnd">Where a window without a published end stops: <see cref="PhaseTimes.OpenWindowEnd"/>.</param>
    public static IEnumerable<ITrace> Traces(IReadOnlyList<ImpactWindowItem> windows, DateTime openEnd, ViewerZone zone)
    {
        foreach (var level in ImpactColors.Levels)
        {
            var bars = windows.Where(w => w.Level == level).ToList();
            if (bars.Count == 0) continue;
            yield return new Bar
            {
                Name = Labels.Of(level), Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                Y = [.. bars.Select(w => (object)w.ServiceName)],
                BaseArray = [.. bars.Select(w => (object)ChartText.Iso(zone.Convert(w.StartedAt)))],
                X = [.. bars.Select(w => (object)((w.EndedAt ?? openEnd) - w.StartedAt).TotalMilliseconds)],
                HoverTextArray = [.. bars.Select(w => Hover(w, openEnd, zone))],
                HoverTemplate = "%{hovertext}<extra></extra>",
                // A hatch per level as well as a colour, so the levels read without colour vision (WCAG 1.4.1).
                Marker = new Plotly.Blazor.Traces.BarLib.Marker
                {
                    Color = ImpactColors.Of(level),
                    Pattern = new Plotly.Blazor.Traces.BarLib.MarkerLib.Pattern
                    {
                        Shape = Hatch(level), FillMode = Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.FillModeEnum.Overlay,
                        FgColor = "#ffffff", FgOpacity = 0.6m, Size = 7,
                    },
                },
                LegendGroup = "impact",
            };
        }
    }

    /// <summary>The levels that have bars, worst first, for a legend drawn outside the chart.</summary>
    public static IEnumerable<LegendEntry> Legend(IReadOnlyList<ImpactWindowItem> windows) =>
        ImpactColors.Levels.Where(l => windows.Any(w => w.Level == l)).Select(l => new LegendEntry(Labels.Of(l), ImpactColors.Of(l), Hatch(l) switch
        {
            Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.X => "bar-x",
            Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.Slash => "bar-slash",
            _ => "bar",
        }));

    private static Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum Hatch(ImpactLevel level) => level switch
    {
        ImpactLevel.MajorOutage => Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.X,
        ImpactLevel.PartialOutage => Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.Slash,
        _ => Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.Empty,
    };

    private static string Hover(ImpactWindowItem w, DateTime openEnd, ViewerZone zone) =>
        $"<b>{ChartText.Escape(w.ServiceName)}</b> · {Labels.Of(w.Level)}<br>{UtcTime.Format(w.StartedAt)} → " +
        (w.EndedAt is { } e ? $"{UtcTime.Format(e)} UTC ({Durations.Format(e - w.StartedAt)})" : $"end not published (drawn to {UtcTime.Format(openEnd)} UTC)") +
        (zone.IsLocal ? $"<br>local: {zone.Convert(w.StartedAt):yyyy-MM-dd HH:mm}" : "");
}
