using Dashboard.Data.StatusPages;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Dashboard.Ui.Kit;

namespace Dashboard.StatusPages;

/// <summary>The Status updates tab of an incident: its public updates, with drafting for responders and publishing for its communications lead or an admin.</summary>
public partial class StatusUpdatesPanel
{
    [Parameter, EditorRequired] public int IncidentId { get; set; }

    [Inject] private StatusPageQueries Queries { get; set; } = default!;
    [Inject] private StatusUpdateCommands Commands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IncidentStatusUpdates? _stream;
    private StatusPostmortemRow? _postmortem;
    private int _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == IncidentId) return;
        _loaded = IncidentId;
        _stream = null;
        await LoadAsync();
        Follow(LoadAsync, ChangeScope.Incident(IncidentId), StatusPageRules.Scope);
    }

    private async Task LoadAsync()
    {
        _stream = await Queries.ForIncidentAsync(User.Actor, IncidentId);
        _postmortem = await Queries.PostmortemAsync(User.Actor, IncidentId); // null unless an admin
    }

    private async Task PostmortemAsync()
    {
        if (await PublicPostmortemDialog.ShowAsync(Dialogs, _postmortem!) is { } done) Snackbar.Add(done, MudBlazor.Severity.Success);
    }

    private static string PostmortemText(StatusPostmortemRow p) => p.PublishedAt is { } at
        ? $"Public postmortem published {UtcTime.Format(at)} UTC" + (p.UpdatedAt is { } u ? $", updated {UtcTime.Format(u)} UTC" : "") + (p.HasUnpublishedDraft ? "; its draft has unpublished changes." : ".")
        : "Public postmortem: a draft, not published.";

    private async Task EditAsync(StatusUpdateRow? update)
    {
        if (await StatusUpdateDialog.ShowAsync(Dialogs, IncidentId, update, _stream!.Services) is not null)
            Snackbar.Add(update is null ? "Draft saved. It shows nowhere until it is published." : "Draft saved.", MudBlazor.Severity.Success);
    }

    private async Task DeleteAsync(StatusUpdateRow update)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Delete draft", $"Delete the draft “{update.Title}”?", yesText: "Delete", cancelText: "Cancel");
        if (sure == true) Snackbar.Show(await Commands.DeleteDraftAsync(User.Actor, update.Id), "Draft deleted.");
    }

    private async Task PublishAsync(StatusUpdateRow update)
    {
        if (await PublishDialog.ShowAsync(Dialogs, update, _stream!.Pages) is { } pages) Snackbar.Add($"Published to {pages}.", MudBlazor.Severity.Success);
    }

    private async Task CorrectAsync(StatusUpdateRow update)
    {
        if (await CorrectionDialog.ShowAsync(Dialogs, update) is not null) Snackbar.Add("Corrected. The pages say so.", MudBlazor.Severity.Success);
    }

    private static string ComponentsText(StatusUpdateRow update) =>
        string.Join(", ", update.Components.Select(c => $"{c.ServiceName} ({Names.Of(c.Level).ToLowerInvariant()})"));

    private static string Provenance(StatusUpdateRow u)
    {
        var text = $"Drafted by {u.CreatedBy} at {UtcTime.Format(u.CreatedAt)} UTC";
        if (u.PublishedAt is { } at) text += $"; published by {u.PublishedBy} at {UtcTime.Format(at)} UTC to {string.Join(", ", u.PageKeys.Select(k => "/pages/" + k))}";
        if (u.CorrectedAt is { } corrected) text += $"; corrected at {UtcTime.Format(corrected)} UTC";
        return text + ".";
    }
}
