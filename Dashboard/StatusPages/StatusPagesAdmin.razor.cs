using Dashboard.Data.StatusPages;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;

namespace Dashboard.StatusPages;

/// <summary>The admins' list of status pages, with the dialog that creates and edits them.</summary>
public partial class StatusPagesAdmin
{
    [Inject] private StatusPageQueries Queries { get; set; } = default!;
    [Inject] private StatusPageCommands Commands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<StatusPageRow>? _pages;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        Follow(LoadAsync, StatusPageRules.Scope, ChangeScope.Catalog);
    }

    private async Task LoadAsync() => _pages = await Queries.ListAsync(User.Actor);

    private async Task EditAsync(StatusPageRow? page)
    {
        if (await StatusPageDialog.ShowAsync(Dialogs, page) is { } saved) Snackbar.Add($"Saved. The page is at /pages/{saved}.", MudBlazor.Severity.Success);
    }

    private async Task MaintenanceAsync(StatusPageRow page)
    {
        if (await MaintenanceDialog.ShowAsync(Dialogs, page) is not null) Snackbar.Add("Maintenance scheduled. It moves on by itself at the times set.", MudBlazor.Severity.Success);
    }

    private async Task DeleteAsync(StatusPageRow page)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Delete status page",
            $"Delete “{page.Name}” (/pages/{page.Key})? Its address stops answering; the incidents keep their status updates.", yesText: "Delete", cancelText: "Cancel");
        if (sure != true) return;
        Snackbar.Show(await Commands.DeleteAsync(User.Actor, page.Id, page.Version), "Status page deleted.");
    }

    private static string AudienceText(StatusPageRow page) => page.Audience switch
    {
        StatusAudience.Public => "Public",
        StatusAudience.Internal => "Signed-in users",
        _ => string.Join("; ", new[] { page.Roles.Count > 0 ? "Roles: " + string.Join(", ", page.Roles) : null,
            page.Groups is { Count: > 0 } groups ? "Groups: " + string.Join(", ", groups) : null }.OfType<string>()),
    };
}
