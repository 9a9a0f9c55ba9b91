using Dashboard.Data.Seeding;
using Dashboard.Data.Incidents;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = Dashboard.Data.Kernel.Severity;
using Dashboard.Ui.Kit;
using Dashboard.Api;


namespace Dashboard.Incidents;

public partial class IncidentList
{
    [Inject] private IncidentQueries Queries { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    private DateTime Now => Clock.GetUtcNow().UtcDateTime;
    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;
    [Inject] private SeedReport SeedReport { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private MudTable<IncidentListItem>? _table;
    private string? _search;
    private IReadOnlyCollection<Severity> _severities = [];
    private IReadOnlyCollection<IncidentStatus> _statuses = [];
    /// <summary>"all", "incidents" or "near-misses".</summary>
    private string _kind = "all";

    private static readonly (string Value, string Label)[] KindChoices = [("all", "All"), ("incidents", "Incidents"), ("near-misses", "Near misses")];

    private bool? NearMiss => _kind switch { "incidents" => false, "near-misses" => true, _ => null };

    private int RejectedSeedFiles => SeedReport.Rejected.Count;

    /// <summary>The newest incidents, read while prerendering and carried into the circuit (see <see cref="FirstPage"/>).</summary>
    [PersistentState] public Paged<IncidentListItem>? FirstRows { get; set; }
    private bool Filtered => !string.IsNullOrWhiteSpace(_search) || _severities.Count > 0 || _statuses.Count > 0 || NearMiss is not null;

    private Func<TableState, CancellationToken, Task<TableData<IncidentListItem>>>? ServerData => RendererInfo.IsInteractive ? LoadAsync : null;

    protected override async Task OnInitializedAsync() =>
        FirstRows ??= await Queries.ListAsync(User.Actor, new IncidentListQuery(PageSize: FirstPage.Size));

    private async Task<TableData<IncidentListItem>> LoadAsync(TableState state, CancellationToken ct)
    {
        var sort = Enum.TryParse<IncidentSort>(state.SortLabel, out var s) ? s : IncidentSort.Start;
        var descending = state.SortDirection != SortDirection.Ascending;
        var first = FirstPage.Match(FirstRows, state.Page, state.PageSize, sort == IncidentSort.Start && descending && !Filtered);
        FirstRows = null;
        if (first is not null) return new TableData<IncidentListItem> { Items = first.Items, TotalItems = first.Total };
        var page = await Queries.ListAsync(User.Actor, new IncidentListQuery(_search, _severities, _statuses, sort, descending, state.Page, state.PageSize, NearMiss), ct);
        return new TableData<IncidentListItem> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task ImportAsync()
    {
        var dialog = await Dialogs.ShowAsync<ImportPostmortemDialog>("Import a postmortem", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string slug }) Navigation.NavigateTo($"incidents/{slug}/postmortem");
    }

    private static TimeSpan? DurationOf(IncidentListItem item) =>
        item.DurationMinutes is { } m ? TimeSpan.FromMinutes(Math.Round(m)) : null;

    private Task OnSearchChanged(string? text)
    {
        _search = text;
        return ReloadAsync();
    }

    private Task OnSeveritiesChanged(IEnumerable<Severity>? values)
    {
        _severities = values?.ToList() ?? [];
        return ReloadAsync();
    }

    private Task OnStatusesChanged(IEnumerable<IncidentStatus>? values)
    {
        _statuses = values?.ToList() ?? [];
        return ReloadAsync();
    }

    private Task OnKindChanged(string? kind)
    {
        _kind = kind ?? "all";
        return ReloadAsync();
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private void OnRowClick(TableRowClickEventArgs<IncidentListItem> args)
    {
        if (args.Item is { } item) Navigation.NavigateTo($"incidents/{item.Slug}");
    }
}
