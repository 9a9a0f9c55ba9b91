using Dashboard.Data.Actions;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Actions;

public partial class ActionsPage
{
    [Inject] private ActionQueries Queries { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    private DateTime Now => Clock.GetUtcNow().UtcDateTime;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private MudTable<ActionRow>? _table;
    private ActionFilter _filter = new();
    private ActionSummary? _summary;
    private string _view = "table";
    private int _dataVersion;

    private DateOnly Today => Queries.Today;
    private bool Filtered => _filter.ToQueryString().Length > 0;
    private string ExportHref => "actions/export.csv" + _filter.ToQueryString();

    /// <summary>The most urgent actions under the address's filters, read while prerendering and carried into the circuit (see <see cref="FirstPage"/>).</summary>
    [PersistentState] public Paged<ActionRow>? FirstRows { get; set; }

    private Func<TableState, CancellationToken, Task<TableData<ActionRow>>>? ServerData => RendererInfo.IsInteractive ? LoadAsync : null;

    protected override async Task OnInitializedAsync()
    {
        _filter = ActionFilter.FromUri(Navigation.Uri);
        _summary = await Queries.SummaryAsync(User.Actor, _filter.ToQuery());
        FirstRows ??= await Queries.ListAsync(User.Actor, _filter.ToQuery(ActionSort.Urgency, false, 0, FirstPage.Size));
        // Rows and counts follow every action write and every incident rename, whoever made them.
        Follow(OnDataChangedAsync, ChangeScope.Actions);
    }

    private async Task<TableData<ActionRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        // No sort chosen (or one cleared by a third click): the most urgent first, as prerendered.
        var sort = state.SortDirection != SortDirection.None && Enum.TryParse<ActionSort>(state.SortLabel, out var chosen) ? chosen : ActionSort.Urgency;
        var first = FirstPage.Match(FirstRows, state.Page, state.PageSize, sort == ActionSort.Urgency);
        FirstRows = null;
        if (first is not null) return new TableData<ActionRow> { Items = first.Items, TotalItems = first.Total };
        var page = await Queries.ListAsync(User.Actor, _filter.ToQuery(sort, state.SortDirection == SortDirection.Descending, state.Page, state.PageSize), ct);
        return new TableData<ActionRow> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task OnFilterChangedAsync()
    {
        // Keep the address in step with the filters so the view can be bookmarked and shared.
        Navigation.NavigateTo("actions" + _filter.ToQueryString(), new NavigationOptions { ReplaceHistoryEntry = true });
        await OnDataChangedAsync();
    }

    private async Task OnDataChangedAsync()
    {
        FirstRows = null; // filters or data moved on: the carried page no longer says what is there
        _summary = await Queries.SummaryAsync(User.Actor, _filter.ToQuery());
        _dataVersion++;
        if (_table is not null) await _table.ReloadServerData();
    }

    private void OnViewChanged(string view) => _view = view;

    private Task EditAsync(ActionRow row) => ActionDialogs.EditAsync(Dialogs, row.Id);

    private static string RowClass(ActionRow row, int _) => row.IsOverdue ? "overdue-row" : "";
}
