using Dashboard.Data.Factors;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Dashboard.Api;
using Dashboard.Host.Http;

namespace Dashboard.Factors;

public partial class FactorDialog
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    /// <summary>The factor to edit; null to add one.</summary>
    [Parameter] public FactorView? Factor { get; set; }
    [Inject] private FactorCommands Commands { get; set; } = default!;
    [Inject] private FactorQueries Queries { get; set; } = default!;
    [Inject] private IOptions<FactorOptions> Options { get; set; } = default!;

    private FactorInput _input = new();
    private IReadOnlyList<string> _categories = [];
    private FactorChoices? _choices;
    private IReadOnlyCollection<int> _events = [];
    private IReadOnlyCollection<int> _actions = [];

    /// <summary>Opens the dialog; the save's result, or null when cancelled.</summary>
    public static Task<CommandResult?> ShowAsync(IDialogService dialogs, int incidentId, FactorView? factor) =>
        OpenAsync<FactorDialog, CommandResult>(dialogs,
            new DialogParameters<FactorDialog> { { d => d.IncidentId, incidentId }, { d => d.Factor, factor } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });

    protected override async Task OnInitializedAsync()
    {
        // A category dropped from the settings stays choosable on the factors filed under it.
        _categories = Factor is { } f && !Options.Value.CategoryList.Contains(f.Category) ? [.. Options.Value.CategoryList, f.Category] : Options.Value.CategoryList;
        if (Factor is { } factor)
        {
            _input = new FactorInput { Statement = factor.Statement, Category = factor.Category };
            _events = [.. factor.Evidence.Select(e => e.EventId)];
            _actions = [.. factor.Actions.Select(a => a.ActionId)];
        }
        _choices = await Queries.ChoicesAsync(User.Actor, IncidentId);
    }

    private string EventLabel(int id) => _choices?.Events.FirstOrDefault(e => e.Id == id) is { Id: > 0 } e
        ? $"{e.OccurredAt:yyyy-MM-dd HH:mm} · {(e.Text.Length <= 80 ? e.Text : e.Text[..77] + "…")}"
        : "";

    private string ActionLabel(int id) => _choices?.Actions.FirstOrDefault(a => a.Id == id) is { Id: > 0 } a ? a.Title : "";

    protected override async Task<CommandResult?> SubmitAsync()
    {
        _input.EventIds = _events;
        _input.ActionIds = _actions;
        return Factor is { } f
            ? await Commands.UpdateAsync(User.Actor, IncidentId, f.Id, f.Version, _input)
            : await Commands.AddAsync(User.Actor, IncidentId, _input);
    }
}
