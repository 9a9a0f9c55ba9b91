using Dashboard.Components.Shared;
using Dashboard.Data.Catalog;
using Dashboard.Data.Door;
using MudBlazor;

namespace Dashboard.Components.Pages.Services;

/// <summary>
/// The remove flow shared by the list and the service page: confirm, remove, and when incidents
/// still refer to the service, say how many and offer to archive it instead.
/// </summary>
public static class ServiceRemoval
{
    /// <summary>True when the service was removed or archived.</summary>
    public static async Task<bool> RemoveAsync(IDialogService dialogs, ISnackbar snackbar, ServiceCatalogCommands commands, Actor actor, int id, string name)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync("Remove service?",
            $"“{name}” and its dependency edges will be removed from the catalog.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true) return false;
        var result = await commands.DeleteAsync(actor, id);
        switch (result.Outcome)
        {
            case Outcome.Ok:
                snackbar.Add($"Removed “{name}”.", MudBlazor.Severity.Success);
                return true;
            case Outcome.NotFound:
                snackbar.Add("It was already removed.", MudBlazor.Severity.Info);
                return true;
            case Outcome.Invalid:
                // Incidents still refer to it: the message says how many, and archiving keeps their history whole.
                var archive = await dialogs.ShowMessageBoxAsync("Cannot remove", ResultText.Of(result), yesText: "Archive", cancelText: "Keep");
                if (archive != true) return false;
                var archived = await commands.SetArchivedAsync(actor, id, true);
                snackbar.Add(archived.Succeeded ? $"Archived “{name}”." : ResultText.Of(archived), archived.Succeeded ? MudBlazor.Severity.Success : MudBlazor.Severity.Warning);
                return archived.Succeeded;
            default:
                snackbar.Add(ResultText.Of(result), MudBlazor.Severity.Warning);
                return false;
        }
    }
}
