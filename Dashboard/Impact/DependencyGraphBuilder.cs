using Dashboard.Data.Impact;
using Dashboard.Data.Catalog;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScatterMarker = Plotly.Blazor.Traces.ScatterLib.Marker;
using Dashboard.Ui.Kit;

namespace Dashboard.Impact;

/// <summary>The dependency graph figure and which service each clickable point is.</summary>
public sealed record DependencyGraphFigure(ChartFigure Figure, IReadOnlyDictionary<(int Trace, int Point), int> NodeAt, int Columns);

/// <summary>
/// Draws an incident's dependency graph from the layered layout computed in Dashboard.Data:
/// upstream causes on the left, dependents to the right, an arrow from each service to those that
/// depend on it (the way a failure spreads), nodes coloured by impact level (the worst over the
/// incident, or the state at the replay's moment), the root cause ringed, and a blast radius
/// outlined in blue. Nodes and edges are scatter traces, so the basic plotly.js bundle draws them.
/// </summary>
public static class DependencyGraphBuilder
{
    /// <summary>Above this many nodes the names move into the hover text: they would overlap.</summary>
    public const int LabelLimit = 40;
    private const int NodeSize = 22;

    public static DependencyGraphFigure Build(ImpactView view, IReadOnlyDictionary<int, ImpactLevel>? stateAt, BlastRadiusResult? radius, ViewerZone zone)
    {
        var nodes = view.Nodes;
        var columns = nodes.Count == 0 ? 1 : nodes.Max(n => n.Layer) + 1;
        var rows = nodes.GroupBy(n => n.Layer).Select(g => g.Count()).DefaultIfEmpty(1).Max();
        var labels = nodes.Count <= LabelLimit;
        var position = nodes.ToDictionary(n => n.Id, n => (X: (double)n.Layer, Y: Row(n, nodes)));
        var highlighted = radius is null ? [] : radius.Dependents.Select(d => d.Service.Id).Append(radius.ServiceId).ToHashSet();

        var traces = new List<ITrace>
        {
            Edges("dependency", view.Edges.Where(e => !(highlighted.Contains(e.Service) && highlighted.Contains(e.DependsOn))), position, "#9e9e9e", 1.2m),
            Edges("in blast radius", view.Edges.Where(e => highlighted.Contains(e.Service) && highlighted.Contains(e.DependsOn)), position, ImpactColors.Highlight, 2.5m),
        };
        var nodeAt = new Dictionary<(int, int), int>();
        foreach (var (name, color, members) in Categories(nodes, stateAt))
        {
            for (var i = 0; i < members.Count; i++) nodeAt[(traces.Count, i)] = members[i].Id;
            traces.Add(Nodes(name, color, members, position, view, zone, labels));
        }
        if (view.RootCause is { } root)
            traces.Add(Ring("root cause", [root], position, "#212121", NodeSize + 12, 3));
        if (radius is not null && highlighted.Count > 0)
            traces.Add(Ring($"blast radius ({radius.Count})", [.. nodes.Where(n => highlighted.Contains(n.Id))], position, ImpactColors.Highlight, NodeSize + 6, 3));

        var rowHeight = labels ? 96 : 34;
        var layout = new Plotly.Blazor.Layout
        {
            Height = Math.Max(340, 110 + rows * rowHeight),
            Margin = new Margin { L = 10, R = 10, T = 30, B = 10 },
            ShowLegend = true,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.0m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom, X = 0 }],
            HoverMode = HoverModeEnum.Closest,
            DragMode = DragModeEnum.False,
            XAxis = [new XAxis { Visible = false, Range = [-0.6, columns - 0.4], FixedRange = true }],
            // Room below the bottom row for its label, and above the top row for its marker.
            YAxis = [new YAxis { Visible = false, Range = [-(rows / 2.0) - 0.1, rows / 2.0 - 0.25], FixedRange = true }],
            PlotBgColor = "#ffffff",
        };
        return new DependencyGraphFigure(new ChartFigure(traces, layout), nodeAt, columns);
    }

    /// <summary>Rows centred on 0 so short columns sit in the middle; y grows upwards, so the first row is on top.</summary>
    private static double Row(GraphNode n, IReadOnlyList<GraphNode> nodes)
    {
        var count = nodes.Count(m => m.Layer == n.Layer);
        return (count - 1) / 2.0 - n.Order;
    }

    private static IEnumerable<(string Name, string Color, List<GraphNode> Members)> Categories(IReadOnlyList<GraphNode> nodes, IReadOnlyDictionary<int, ImpactLevel>? stateAt)
    {
        ImpactLevel? LevelOf(GraphNode n) => stateAt is null ? n.Worst : stateAt.TryGetValue(n.Id, out var l) ? l : null;
        foreach (var level in ImpactColors.Levels)
        {
            var members = nodes.Where(n => LevelOf(n) == level).ToList();
            if (members.Count > 0) yield return (Labels.Of(level), ImpactColors.Of(level), members);
        }
        var recovered = nodes.Where(n => n.Affected && LevelOf(n) is null).ToList();
        if (recovered.Count > 0) yield return ("not impaired at this moment", ImpactColors.NotImpairedNow, recovered);
        var unaffected = nodes.Where(n => !n.Affected).ToList();
        if (unaffected.Count > 0) yield return ("not affected (upstream)", ImpactColors.NotAffected, unaffected);
    }

    private static Scatter Nodes(string name, string color, List<GraphNode> members, Dictionary<int, (double X, double Y)> position, ImpactView view, ViewerZone zone, bool labels) => new()
    {
        Name = name,
        Mode = labels ? Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Text : Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
        X = [.. members.Select(n => (object)position[n.Id].X)],
        Y = [.. members.Select(n => (object)position[n.Id].Y)],
        TextArray = labels ? [.. members.Select(n => ChartText.Wrap(n.Name) + (n.IsRootCause ? "<br><b>root cause</b>" : ""))] : null,
        TextPosition = Plotly.Blazor.Traces.ScatterLib.TextPositionEnum.BottomCenter,
        TextFont = new Plotly.Blazor.Traces.ScatterLib.TextFont { Size = 11 },
        HoverTextArray = [.. members.Select(n => Hover(n, view, zone))],
        HoverTemplate = "%{hovertext}<extra></extra>",
        Marker = new ScatterMarker { Color = color, Size = NodeSize, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#424242", Width = 1 } },
        ClipOnAxis = false,
    };

    /// <summary>
    /// All edges of one style in one trace: a line per edge (gaps between them) and an arrowhead
    /// at the dependent's end, turned along the line by Plotly (angleref "previous") and set back
    /// from the node (standoff) so it stays visible.
    /// </summary>
    private static Scatter Edges(string name, IEnumerable<(int Service, int DependsOn)> edges, Dictionary<int, (double X, double Y)> position, string color, decimal width)
    {
        var x = new List<object>();
        var y = new List<object>();
        var sizes = new List<decimal?>();
        foreach (var (service, dependsOn) in edges.OrderBy(e => e.DependsOn).ThenBy(e => e.Service))
        {
            var (from, to) = (position[dependsOn], position[service]);
            x.AddRange([from.X, to.X, null!]);
            y.AddRange([from.Y, to.Y, null!]);
            sizes.AddRange([0, 11, 0]);
        }
        return new Scatter
        {
            Name = name, ShowLegend = false, X = x, Y = y,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color, Width = width },
            Marker = new ScatterMarker
            {
                Color = color, SizeArray = sizes, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Arrow,
                AngleRef = Plotly.Blazor.Traces.ScatterLib.MarkerLib.AngleRefEnum.Previous, Standoff = NodeSize / 2 + 2,
            },
            HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Skip,
        };
    }

    private static Scatter Ring(string name, IReadOnlyList<GraphNode> members, Dictionary<int, (double X, double Y)> position, string color, int size, decimal width) => new()
    {
        Name = name,
        Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
        X = [.. members.Select(n => (object)position[n.Id].X)],
        Y = [.. members.Select(n => (object)position[n.Id].Y)],
        Marker = new ScatterMarker
        {
            Color = color, Size = size, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen,
            Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = color, Width = width },
        },
        HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Skip,
    };

    private static string Hover(GraphNode n, ImpactView view, ViewerZone zone)
    {
        var windows = view.Windows.Where(w => w.ServiceId == n.Id).ToList();
        var lines = windows.Select(w => $"{Labels.Of(w.Level)}: {UtcTime.Format(w.StartedAt)} → " +
            (w.EndedAt is { } e ? $"{e:HH:mm} UTC ({Durations.Format(e - w.StartedAt)})" : "end not published") +
            (zone.IsLocal ? $" · local {zone.Convert(w.StartedAt):HH:mm}" : ""));
        var body = windows.Count == 0 ? "not affected in this incident" : string.Join("<br>", lines);
        return $"<b>{ChartText.Escape(n.Name)}</b>{(n.IsRootCause ? " · root cause" : "")}<br>{ChartText.Escape(n.Group)}<br>{body}";
    }
}
