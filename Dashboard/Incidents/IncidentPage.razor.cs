using Dashboard.Data.Incidents;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;
using Dashboard.Api;

namespace Dashboard.Incidents;

public partial class IncidentPage
{
    [Parameter] public string Slug { get; set; } = "";
    /// <summary>?tab=timeline|impact|actions opens that tab, so other pages (e.g. the postmortem checks) can link straight to it.</summary>
    [SupplyParameterFromQuery] public string? Tab { get; set; }

    private static readonly string[] Tabs = ["overview", "timeline", "impact", "actions", "status", "history"];

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

    private (string Slug, string? Tab)? _shown;

    protected override async Task OnParametersSetAsync()
    {
        // Parameters are set again whenever the layout re-renders (it cascades the signed-in user
        // anew, e.g. once the sign-in state arrives after the circuit connects). Only another incident
        // or another ?tab= moves the page; otherwise a tab the user has just clicked would snap back.
        if (_shown == (Slug, Tab)) return;
        _shown = (Slug, Tab);
        _loading = true;
        _tab = Math.Max(0, Array.IndexOf(Tabs, Tab?.ToLowerInvariant()));
        await LoadAsync();
        _loading = false;
        if (_incident is null) Navigation.NotFound(); // a missing one answers 404
        else Follow(ReloadAsync, ChangeScope.Incident(_incident.Id));
    }

    /// <summary>After a write to the incident anywhere: read it again; once it is deleted (here or elsewhere), back to the list.</summary>
    private async Task ReloadAsync()
    {
        await LoadAsync();
        if (_incident is null) Navigation.NavigateTo("incidents");
    }

    /// <summary>
    /// The header and overview. Not carried from prerendering into the circuit: the record is shared
    /// through the aggregate cache, so the circuit's read is a hit that completes at once (its first
    /// render is the page already on screen), and every circuit holds the one shared copy instead of
    /// its own (see docs/development.md, "Speed under load").
    /// </summary>
    private async Task LoadAsync()
    {
        _incident = await Queries.GetAsync(User.Actor, Slug);
        _actionCount = _incident?.ActionCount ?? 0;
        _eventCount = _incident?.EventCount ?? 0;
        _breadcrumbs = [new("Incidents", "incidents"), new(_incident?.Title ?? Slug, null, disabled: true)];
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
        // The delete's own change reloads this page, which clears _incident before this method goes on.
        var title = _incident.Title;
        var result = await Commands.DeleteAsync(User.Actor, _incident.Id, _incident.Version);
        _deleting = false;
        if (!Snackbar.Show(result, $"Deleted “{title}”.", deleting: true)) return;
        Navigation.NavigateTo("incidents");
    }
}
