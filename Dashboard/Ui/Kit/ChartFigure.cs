using Plotly.Blazor;

namespace Dashboard.Ui.Kit;

/// <summary>What every chart builder hands the one Plotly host: its traces and its layout.</summary>
public sealed record ChartFigure(IList<ITrace> Traces, Plotly.Blazor.Layout Layout);

/// <summary>A point in the chart's data coordinates: an x value as Plotly reads it and a lane name.</summary>
public sealed record ChartPoint(string X, string Y);
