using Dashboard.Data.Catalog;
using MudBlazor;
using Dashboard.Ui.Kit;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Catalog;

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
            case Outcome.Invalid:
                // Incidents still refer to it: the message says how many, and archiving keeps their history whole.
                var archive = await dialogs.ShowMessageBoxAsync("Cannot remove", ResultText.Of(result), yesText: "Archive", cancelText: "Keep");
                if (archive != true) return false;
                return snackbar.Show(await commands.SetArchivedAsync(actor, id, true), $"Archived “{name}”.");
            default:
                return snackbar.Show(result, $"Removed “{name}”.", deleting: true);
        }
    }
}
