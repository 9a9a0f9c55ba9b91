using Dashboard.Data.Themes;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Themes;

public partial class ThemePage
{
    [Parameter] public int Id { get; set; }
    [Inject] private ThemeQueries Queries { get; set; } = default!;

    private ThemeDetail? _theme;
    private bool _loading = true;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        // Theme edits are told to every view; tags put on incidents meanwhile show on the next visit.
        Follow(LoadAsync, ChangeScope.Everything);
    }

    private async Task LoadAsync()
    {
        _theme = await Queries.GetAsync(User.Actor, Id);
        _loading = false;
    }
}
