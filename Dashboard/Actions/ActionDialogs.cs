using MudBlazor;
using Dashboard.Host.Http;

namespace Dashboard.Actions;

/// <summary>Opens the action dialog; returns true when something was saved.</summary>
public static class ActionDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    public static Task<bool> AddAsync(IDialogService dialogs, int incidentId) =>
        ShowAsync(dialogs, new DialogParameters<ActionDialog> { { d => d.IncidentId, incidentId } });

    public static Task<bool> EditAsync(IDialogService dialogs, int actionId, ActionStatus? status = null) =>
        ShowAsync(dialogs, new DialogParameters<ActionDialog> { { d => d.ActionId, actionId }, { d => d.Status, status } });

    private static async Task<bool> ShowAsync(IDialogService dialogs, DialogParameters<ActionDialog> parameters)
    {
        var dialog = await dialogs.ShowAsync<ActionDialog>(null, parameters, Options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
