using Dashboard.Data.Factors;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Api;
using Dashboard.Data.Incidents;
using Dashboard.Ui.Kit;

namespace Dashboard.Factors;

public partial class FactorsPanel
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Inject] private FactorQueries Queries { get; set; } = default!;
    [Inject] private FactorCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<FactorView>? _factors;
    private bool _busy;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        Follow(LoadAsync, ChangeScope.Incident(IncidentId));
    }

    private async Task LoadAsync() => _factors = await Queries.ListAsync(User.Actor, IncidentId);

    private async Task AddAsync()
    {
        if (await FactorDialog.ShowAsync(Dialogs, IncidentId, null) is { } result) Snackbar.Show(result, "Factor added.");
    }

    private async Task EditAsync(FactorView factor)
    {
        if (await FactorDialog.ShowAsync(Dialogs, IncidentId, factor) is { } result) Snackbar.Show(result, "Factor saved.");
    }

    private async Task RemoveAsync(FactorView factor)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove factor?", $"“{factor.Statement}” will be removed; its events and actions stay.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true) return;
        _busy = true;
        var result = await Commands.DeleteAsync(User.Actor, IncidentId, factor.Id, factor.Version);
        _busy = false;
        Snackbar.Show(result, "Factor removed.", deleting: true);
    }

    private static string Short(string text) => text.Length <= 140 ? text : text[..137] + "…";
}
