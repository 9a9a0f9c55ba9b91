using Dashboard.Components.Shared;
using Dashboard.Data.Incidents;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Incidents;

public partial class IncidentPage
{
    [Parameter] public string Slug { get; set; } = "";
    /// <summary>?tab=timeline|impact|actions opens that tab, so other pages (e.g. the postmortem checks) can link straight to it.</summary>
    [SupplyParameterFromQuery] public string? Tab { get; set; }

    private static readonly string[] Tabs = ["overview", "timeline", "impact", "actions"];

    [Inject] private IncidentQueries Queries { get; set; } = default!;
    [Inject] private IncidentCommands Commands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private BrowserInterop Browser { get; set; } = default!;

    private IncidentDetail? _incident;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private int _actionCount;
    private int _eventCount;
    private bool _loading = true;
    private bool _deleting;
    private int _tab;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _tab = Math.Max(0, Array.IndexOf(Tabs, Tab?.ToLowerInvariant()));
        _incident = await Queries.GetAsync(Slug);
        _actionCount = _incident?.ActionCount ?? 0;
        _eventCount = _incident?.EventCount ?? 0;
        _breadcrumbs = [new("Incidents", "incidents"), new(_incident?.Title ?? Slug, null, disabled: true)];
        _loading = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) await Browser.PreloadChartsAsync();
    }

    private async Task DeleteAsync()
    {
        if (_incident is null) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete incident?",
            $"“{_incident.Title}” and its {_eventCount} events, {_incident.Impacts.Count} impact windows and {_actionCount} actions will be deleted. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        _deleting = true;
        var deleted = await Commands.DeleteAsync(_incident.Id);
        Snackbar.Add(deleted ? $"Deleted “{_incident.Title}”." : "It was already deleted.", deleted ? MudBlazor.Severity.Success : MudBlazor.Severity.Info);
        Navigation.NavigateTo("incidents");
    }
}
