using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Ui.Kit;

/// <summary>
/// What every dialog that saves through the door shares: one save at a time (a double click writes
/// once, and <see cref="FormDialogFrame"/> disables its button meanwhile), the field errors of the
/// last save, and the problem above the fields (<see cref="ResultText.Problem"/>). A saved dialog
/// closes and hands the opener <see cref="ClosingValue"/>.
/// </summary>
public abstract class FormDialog : ComponentBase
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = default!;
    [CascadingParameter] protected CurrentUser User { get; set; } = CurrentUser.Anonymous;

    protected bool Saving { get; private set; }
    protected IReadOnlyDictionary<string, string> Errors { get; set; } = NoErrors;
    /// <summary>The banner above the fields: a stale save, a gone row, a refusal of the whole input.</summary>
    protected string? Problem { get; set; }

    protected bool Has(string field) => Errors.ContainsKey(field);
    protected string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The dialog's command. Null when the input was refused before it ran (set <see cref="Errors"/> then).</summary>
    protected abstract Task<CommandResult?> SubmitAsync();

    /// <summary>What the opener gets back when the save went through: the result, unless the dialog says otherwise.</summary>
    protected virtual object? ClosingValue(CommandResult result) => result;

    protected async Task SaveAsync()
    {
        if (Saving) return;
        Saving = true;
        try
        {
            if (await SubmitAsync() is not { } result) return;
            if (Errors.Count > 0 && result.Errors.Count > 0)
            {
                // A MudBlazor field sets its own Error flag back to false when the person edits it, and Blazor
                // hands a parameter on only when its value differs from the last one given: a second error on
                // the same field (Error true, then true) would stay hidden. Showing no errors for one render
                // hands every field its flag afresh.
                Errors = NoErrors;
                StateHasChanged();
                await Task.Yield();
            }
            Errors = result.Errors;
            Problem = ResultText.Problem(result);
            if (result.Succeeded) Dialog.Close(DialogResult.Ok(ClosingValue(result)));
        }
        finally
        {
            Saving = false;
        }
    }

    /// <summary>Before showing the row again (a reload after a stale save): nothing of the last save stays.</summary>
    protected void ClearProblems()
    {
        Problem = null;
        Errors = NoErrors;
    }

    /// <summary>Opens a dialog of this kind and waits; the saved result, or null when cancelled.</summary>
    protected static async Task<T?> OpenAsync<TDialog, T>(IDialogService dialogs, DialogParameters<TDialog> parameters, DialogOptions options) where TDialog : FormDialog
    {
        var dialog = await dialogs.ShowAsync<TDialog>(null, parameters, options);
        return await dialog.Result is { Canceled: false, Data: T value } ? value : default;
    }
}
