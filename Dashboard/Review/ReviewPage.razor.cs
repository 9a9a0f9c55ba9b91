using Dashboard.Data.Review;
using Dashboard.Data.Timeline;
using Microsoft.AspNetCore.Components;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Review;

public partial class ReviewPage
{
    [Inject] private ReviewQueries Queries { get; set; } = default!;
    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;
    [Inject] private TimelineQueries Services { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private BrowserInterop Browser { get; set; } = default!;

    private ReviewFilter _filter = new();

    /// <summary>
    /// Not carried from prerendering into the circuit: the report is shared through the aggregate
    /// cache, so the circuit's read is a hit that completes at once (no loading bar), and carrying it
    /// cost a JSON round trip through the page for every visitor, up to the hub's 128 KB message limit.
    /// </summary>
    public ReviewReport? Report { get; set; }
    private ChartFigure? _incidentsChart;
    private ChartFigure? _resolveChart;
    private ChartFigure? _actionsChart;
    private IReadOnlyList<string> _organisations = [];
    private ServiceChoice? _service;
    private string? _from;
    private string? _to;
    /// <summary>Dates from the address or the date fields that were left out, with why.</summary>
    private List<string> _problems = [];

    private string ExportHref => "review/export.html" + _filter.ToQueryString();

    protected override async Task OnInitializedAsync()
    {
        _filter = ReviewFilter.FromUri(Navigation.Uri);
        _problems = [.. _filter.Problems];
        _from = _filter.From?.ToString("yyyy-MM-dd");
        _to = _filter.To?.ToString("yyyy-MM-dd");
        _organisations = await Queries.OrganisationsAsync(User.Actor);
        if (_filter.ServiceId is { } id) _service = await Services.GetServiceAsync(id);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Report = await Queries.GetAsync(User.Actor, _filter.ToQuery(Clock.GetUtcNow().UtcDateTime));
        // Charts are drawn by Plotly in the circuit: building them while prerendering would be thrown away.
        if (RendererInfo.IsInteractive) BuildCharts(Report);
    }

    private void BuildCharts(ReviewReport report)
    {
        _incidentsChart = ReviewChartBuilder.IncidentsPerMonth(report.Months);
        _resolveChart = ReviewChartBuilder.MedianResolvePerMonth(report.Months);
        _actionsChart = ReviewChartBuilder.ActionsPerMonth(report.Months);
    }

    private async Task ApplyAsync()
    {
        // The address carries the filters, so a review can be bookmarked and sent round before the meeting.
        Navigation.NavigateTo("review" + _filter.ToQueryString(), new NavigationOptions { ReplaceHistoryEntry = true });
        await LoadAsync();
    }

    private Task OnPeriodChanged(ReviewPeriod period)
    {
        _filter.Period = period;
        return period == ReviewPeriod.Custom && (_filter.From is null || _filter.To is null) ? Task.CompletedTask : ApplyAsync();
    }

    private Task OnFromChanged(string? value)
    {
        _from = value;
        _problems = [];
        _filter.From = ReviewFilter.Date("from", value, _problems);
        return _filter.From is not null && _filter.To is not null ? ApplyAsync() : Task.CompletedTask;
    }

    private Task OnToChanged(string? value)
    {
        _to = value;
        _problems = [];
        _filter.To = ReviewFilter.Date("to", value, _problems);
        return _filter.From is not null && _filter.To is not null ? ApplyAsync() : Task.CompletedTask;
    }

    private Task OnSeveritiesChanged(IEnumerable<Severity>? severities)
    {
        _filter.Severities = severities?.ToList() ?? [];
        return ApplyAsync();
    }

    private Task OnOrganisationChanged(string? organisation)
    {
        _filter.Organisation = organisation;
        return ApplyAsync();
    }

    private Task OnServiceChanged(ServiceChoice? service)
    {
        _service = service;
        _filter.ServiceId = service?.Id;
        return ApplyAsync();
    }

    private async Task<IEnumerable<ServiceChoice>> SearchServicesAsync(string? text, CancellationToken ct) => await Services.SearchServicesAsync(text, ct);

    private Task PrintAsync() => Browser.PrintAsync();
}
