using Dashboard.Data.Postmortems;
using Dashboard.Ui.Kit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Postmortems;

public partial class SurprisesPanel
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Inject] private PostmortemQueries Queries { get; set; } = default!;
    [Inject] private PostmortemCommands Commands { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private SurprisesField? _field;
    private string? _text;
    private bool _busy;

    private bool Changed => (_text?.Trim() ?? "") != (_field?.Text ?? "");

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        Follow(ReloadUnlessEditingAsync, ChangeScope.Incident(IncidentId));
    }

    private async Task LoadAsync()
    {
        _field = await Queries.SurprisesAsync(User.Actor, IncidentId);
        _text = _field?.Text;
    }

    /// <summary>Someone else's save shows at once, unless this person is typing: their text is kept, and their save is checked against the version.</summary>
    private async Task ReloadUnlessEditingAsync()
    {
        if (Changed) return;
        await LoadAsync();
    }

    private async Task SaveAsync()
    {
        if (_field is not { } field) return;
        _busy = true;
        var result = await Commands.SetSurprisesAsync(User.Actor, IncidentId, field.Version, _text);
        _busy = false;
        if (Snackbar.Show(result, "What surprised us saved.")) await LoadAsync();
    }
}
