using Dashboard.Data.Graph;
using Dashboard.Data.Catalog;

namespace Dashboard.Data.Impact;

/// <summary>One impact window as every view reads it: the incident header, the timeline lanes and the Impact tab.</summary>
public sealed record ImpactWindowItem(int Id, int ServiceId, string ServiceKey, string ServiceName, ImpactLevel Level,
    DateTime StartedAt, DateTime? EndedAt, string? Description, Guid Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<ServiceImpact, ImpactWindowItem>> Projection =
        x => new ImpactWindowItem(x.Id, x.ServiceId, x.Service!.Key, x.Service.Name, x.Level, x.StartedAt, x.EndedAt, x.Description, x.Version);

    public ImpactSpan Span => new(ServiceId, Level, StartedAt, EndedAt);
    public TimeSpan? Duration => EndedAt - StartedAt;
}

/// <summary>A service drawn on the incident's dependency graph, with its place in the layered layout.</summary>
public sealed record GraphNode(int Id, string Key, string Name, string Group, int Layer, int Order, ImpactLevel? Worst, bool IsRootCause)
{
    public bool Affected => Worst is not null;
}

/// <summary>
/// Everything the Impact tab draws: the incident's window for the replay, its impact windows, and
/// the dependency graph of the affected services plus everything they depend on.
/// </summary>
/// <param name="OpenEnd">Where windows without a published end stop (<see cref="PhaseTimes.OpenWindowEnd"/>).</param>
public sealed record ImpactView(int IncidentId, PhaseTimes Phases, DateTime RecordedAt, DateTime OpenEnd, DateTime From, DateTime To,
    IReadOnlyList<ImpactWindowItem> Windows, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<(int Service, int DependsOn)> Edges)
{
    public DateOnly ReferenceDate => Phases.ReferenceDate(RecordedAt);

    public GraphNode? RootCause => Nodes.FirstOrDefault(n => n.IsRootCause);

    public IReadOnlyList<ImpactSpan> Spans => [.. Windows.Select(w => w.Span)];

    /// <summary>The worst level of each service at a moment of the replay.</summary>
    public Dictionary<int, ImpactLevel> StateAt(DateTime at) => ImpactStates.At(Spans, at, OpenEnd);
}
