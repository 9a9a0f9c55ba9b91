using Dashboard.Data.Factors;
using Dashboard.Data.Themes;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Themes;

public partial class IncidentThemesDialog
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Parameter, EditorRequired] public IncidentThemeSet Current { get; set; } = default!;
    [Inject] private ThemeQueries Queries { get; set; } = default!;
    [Inject] private ThemeCommands Commands { get; set; } = default!;
    [Inject] private FactorQueries Factors { get; set; } = default!;

    private IReadOnlyList<ThemeRef>? _choices;
    private IReadOnlyList<FactorView> _factors = [];
    private IReadOnlyCollection<int> _incident = [];
    private readonly Dictionary<int, IReadOnlyCollection<int>> _byFactor = [];

    public static Task<CommandResult?> ShowAsync(IDialogService dialogs, int incidentId, IncidentThemeSet current) =>
        OpenAsync<IncidentThemesDialog, CommandResult>(dialogs,
            new DialogParameters<IncidentThemesDialog> { { d => d.IncidentId, incidentId }, { d => d.Current, current } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });

    protected override async Task OnInitializedAsync()
    {
        _incident = [.. Current.Incident.Select(t => t.Id)];
        _factors = await Factors.ListAsync(User.Actor, IncidentId);
        foreach (var f in _factors) _byFactor[f.Id] = [.. Current.Factors.GetValueOrDefault(f.Id, []).Select(t => t.Id)];
        _choices = await Queries.ChoicesAsync();
    }

    private string Name(int id) => _choices?.FirstOrDefault(t => t.Id == id)?.Name ?? "";

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "…";

    /// <summary>The incident's tags, then each factor's that changed: the first refusal stops and is shown.</summary>
    protected override async Task<CommandResult?> SubmitAsync()
    {
        var result = await Commands.SetForIncidentAsync(User.Actor, IncidentId, [.. _incident]);
        foreach (var f in _factors)
        {
            if (!result.Succeeded) break;
            var before = Current.Factors.GetValueOrDefault(f.Id, []).Select(t => t.Id).Order();
            if (before.SequenceEqual(_byFactor[f.Id].Order())) continue;
            result = await Commands.SetForFactorAsync(User.Actor, IncidentId, f.Id, [.. _byFactor[f.Id]]);
        }
        return result;
    }
}
