using Dashboard.Data.Review;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Review;

public partial class DurationsSection
{
    [Parameter, EditorRequired] public ReviewReport Report { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private DurationStrip? _strip;
    private ReviewReport? _built;

    protected override void OnParametersSet()
    {
        // Plotly draws in the circuit only; the prerendered page carries the table.
        if (!RendererInfo.IsInteractive || ReferenceEquals(Report, _built)) return;
        _built = Report;
        _strip = DurationStripBuilder.Build(Report.Points, Report.Phases);
    }

    private static string Summary(DurationStat stat) =>
        $"{StatCell.Format(stat.MedianMinutes)} · n = {stat.Measured}{StatCell.Interval(stat)}";

    private void OpenIncident(int index)
    {
        if (index >= 0 && index < Report.Points.Count) Navigation.NavigateTo($"incidents/{Report.Points[index].Slug}");
    }
}
