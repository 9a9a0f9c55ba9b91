using Dashboard.Data.Changes;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Dashboard.Impact;
using Dashboard.Timeline;
using Dashboard.Ui.Kit;

namespace Dashboard.Changes;

/// <summary>Changes on the timeline chart: one trace of markers on the lanes of the services they touched, with kind, author and title on hover.</summary>
public static class ChangeMarkers
{
    public const string Name = "Change";
    public const string Color = "#00897b";
    public const string Symbol = "diamond-tall";

    // The HTML legend draws Plotly's basic shapes; a diamond stands for the tall one.
    public static LegendEntry Legend { get; } = new(Name, Color, "diamond");

    /// <summary>The lanes the changes need that the impact windows did not already give, in time order.</summary>
    public static IEnumerable<string> ExtraLanes(IReadOnlyList<ChangeMarker> changes, IReadOnlyCollection<string> lanes) =>
        changes.Select(c => c.Lane).Distinct().Where(l => !lanes.Contains(l));

    public static ITrace Trace(IReadOnlyList<ChangeMarker> changes, ViewerZone zone) => new Scatter
    {
        Name = Name,
        X = [.. changes.Select(c => (object)ChartText.Iso(zone.Convert(c.At)))],
        Y = [.. changes.Select(c => (object)c.Lane)],
        HoverTextArray = [.. changes.Select(c => Hover(c, zone))],
        HoverTemplate = "%{hovertext}<extra></extra>",
        Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
        Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
        {
            Color = Color, Size = 14, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.DiamondTall,
            Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#004d40", Width = 1 },
        },
    };

    private static string Hover(ChangeMarker c, ViewerZone zone) =>
        $"<b>Change</b> · {ChartText.Escape(ChangeRules.Name(c.Kind))} · {UtcTime.Format(c.At)} UTC" +
        (zone.IsLocal ? $" · {zone.Convert(c.At):HH:mm} local" : "") +
        $"<br>{ChartText.Escape(c.Title)}<br>by {ChartText.Escape(c.Author)}" + (c.Link is null ? "" : $"<br>{ChartText.Escape(c.Link)}");
}
