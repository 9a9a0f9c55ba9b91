using Dashboard.Data.Themes;
using Dashboard.Ui.Kit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Themes;

public partial class ThemesPage
{
    [Inject] private ThemeQueries Queries { get; set; } = default!;
    [Inject] private ThemeCommands Commands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<ThemeSummary>? _themes;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        Follow(LoadAsync, ChangeScope.Everything);
    }

    private async Task LoadAsync() => _themes = await Queries.ListAsync(User.Actor);

    internal static string Count(int incidents) => incidents == 1 ? "1 incident" : $"{incidents} incidents";

    private async Task AddAsync()
    {
        if (await ThemeDialog.ShowAsync(Dialogs, null) is { } result && Snackbar.Show(result, "Theme made.")) await LoadAsync();
    }

    private async Task EditAsync(ThemeSummary theme)
    {
        if (await ThemeDialog.ShowAsync(Dialogs, theme) is { } result && Snackbar.Show(result, "Theme saved.")) await LoadAsync();
    }

    private async Task DeleteAsync(ThemeSummary theme)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete theme?", $"“{theme.Name}” will be removed from every incident and factor that carries it.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        _busy = true;
        var result = await Commands.DeleteAsync(User.Actor, theme.Id, theme.Version);
        _busy = false;
        if (Snackbar.Show(result, "Theme deleted.", deleting: true)) await LoadAsync();
    }
}
