using MudBlazor;
using Dashboard.Account;

namespace Dashboard.Ui.Kit;

/// <summary>
/// The one way a page reports a command in a snackbar: on success the page's own words and the
/// save's warnings, otherwise <see cref="ResultText"/>'s words for why not.
/// </summary>
public static class ResultSnackbar
{
    /// <param name="done">What happened, in the page's words; null where the page shows the change itself.</param>
    /// <param name="failedPrefix">For a write the person did not start from a form: what was refused ("The theme was not saved").</param>
    /// <param name="configure">Options of the success message, such as an Undo action.</param>
    /// <param name="deleting">The command was a delete: finding nothing to delete means someone was quicker, which counts as done.</param>
    /// <returns>Whether the command succeeded (or, deleting, the row is gone either way).</returns>
    public static bool Show(this ISnackbar snackbar, CommandResult result, string? done = null, MudBlazor.Severity doneSeverity = MudBlazor.Severity.Success,
        MudBlazor.Severity failedSeverity = MudBlazor.Severity.Warning, string? failedPrefix = null, Action<SnackbarOptions>? configure = null, bool deleting = false)
    {
        if (deleting && result.Outcome == Outcome.NotFound)
        {
            snackbar.Add(ResultText.AlreadyDeleted(result), MudBlazor.Severity.Info);
            return true;
        }
        if (!result.Succeeded)
        {
            snackbar.Add(failedPrefix is null ? ResultText.Of(result) : ResultText.Failed(failedPrefix, result), failedSeverity);
            return false;
        }
        if (done is not null) snackbar.Add(done, doneSeverity, configure);
        foreach (var warning in result.Warnings) snackbar.Add(warning, MudBlazor.Severity.Warning);
        return true;
    }
}
