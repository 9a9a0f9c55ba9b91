using Dashboard.Data.Catalog;
using MudBlazor;

namespace Dashboard.Components.Pages.Services;

/// <summary>
/// The remove flow shared by the list and the service page: confirm, remove, and when incidents
/// still refer to the service, say how many and offer to archive it instead.
/// </summary>
public static class ServiceRemoval
{
    /// <summary>True when the service was removed or archived.</summary>
    public static async Task<bool> RemoveAsync(IDialogService dialogs, ISnackbar snackbar, ServiceCatalogCommands commands, int id, string name)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync("Remove service?",
            $"“{name}” and its dependency edges will be removed from the catalog.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true) return false;
        var result = await commands.DeleteAsync(id);
        if (result.Succeeded)
        {
            snackbar.Add($"Removed “{name}”.", MudBlazor.Severity.Success);
            return true;
        }
        if (result.Key is null)
        {
            snackbar.Add(result.Conflict ?? "It was already removed.", MudBlazor.Severity.Info);
            return true;
        }
        var archive = await dialogs.ShowMessageBoxAsync("Cannot remove", result.Conflict!, yesText: "Archive", cancelText: "Keep");
        if (archive != true) return false;
        await commands.SetArchivedAsync(id, true);
        snackbar.Add($"Archived “{name}”.", MudBlazor.Severity.Success);
        return true;
    }
}
