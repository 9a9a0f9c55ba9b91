using System.Diagnostics;
using Dashboard.Data.Postmortems;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Dashboard.Data.Incidents;
using Dashboard.Ui.Kit;
using Dashboard.Account;
using Dashboard.Api;
using Dashboard.Host.Http;

namespace Dashboard.Postmortems;

/// <summary>
/// Writing a postmortem: the Markdown editor, its live preview with generated tables, the quality
/// checks and the review workflow. The preview and checks are rebuilt when typing pauses.
/// </summary>
public partial class PostmortemPage
{
    [Parameter] public string Slug { get; set; } = "";

    [Inject] private PostmortemQueries Queries { get; set; } = default!;
    [Inject] private PostmortemCommands Commands { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private MarkdownRenderer Renderer { get; set; } = default!;
    [Inject] private BrowserInterop Browser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private Microsoft.Extensions.Options.IOptions<PostmortemOptions> Options { get; set; } = default!;

    private PostmortemDocument? _doc;
    private PostmortemRecord? _record;
    private MarkdownEditor? _editor;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private string _initialText = "";
    private string _text = "";
    /// <summary>The text as last loaded or saved: "unsaved" means the editor's text differs from it.</summary>
    private string _savedText = "";
    private string? _notice;
    private MarkupString _html;
    /// <summary>Why the preview shows plain text (too deep, too large), shown beside the editor; null when it rendered.</summary>
    private string? _renderProblem;
    private QualityReport _report = new([]);
    private long _renderMs;
    private bool _loading = true;
    private bool _dirty;
    private bool _saving;
    private bool _startedFromTemplate;

    /// <summary>An unsaved draft this browser kept (see MarkdownEditor.DraftKey), offered back until restored or discarded.</summary>
    private (string Text, DateTime At)? _draft;

    private string DraftKey => $"incidentboard.draft.{Slug}";

    private TransitionItem? LastMove => _doc?.History.Count > 0 ? _doc.History[^1] : null;

    private string? _shownSlug;

    protected override async Task OnParametersSetAsync()
    {
        // Parameters are set again whenever the layout re-renders (it cascades the signed-in user
        // anew): only another incident reloads, or the editor would be rebuilt under the user's typing.
        if (_shownSlug == Slug) return;
        _shownSlug = Slug;
        _loading = true;
        _doc = await Queries.GetAsync(User.Actor, Slug);
        _record = _doc is null ? null : await Queries.GetRecordAsync(User.Actor, _doc.IncidentId);
        if (_doc is not null)
        {
            _startedFromTemplate = _doc.Markdown is null;
            _initialText = _doc.Markdown ?? PostmortemTemplate.Build(_doc.Title);
            _savedText = _initialText; // the template is a starting point: nothing to lose until the user types
            _dirty = false;
            _notice = null;
            _breadcrumbs = [new("Incidents", "incidents"), new(_doc.Title, $"incidents/{Slug}"), new("Postmortem", null, disabled: true)];
            RenderPreview(_initialText);
        }
        _loading = false;
        if (_doc is null) Navigation.NotFound();
        else Follow(OnIncidentChangedAsync, ChangeScope.Incident(_doc.IncidentId));
    }

    /// <summary>Rebuilds the preview and the checks from the text and the current record; the time is shown so a slow render is visible.</summary>
    private void RenderPreview(string text)
    {
        if (_record is null) return;
        var watch = Stopwatch.StartNew();
        _text = text;
        var record = _record;
        var rendered = Renderer.RenderExpanded(text, t => GeneratedSections.Expand(t, record));
        _html = new MarkupString(rendered.Html);
        _renderProblem = rendered.Problem;
        _report = QualityChecks.Run(_record, text, Options.Value.Phrases);
        _renderMs = watch.ElapsedMilliseconds;
    }

    private void OnDirty() => _dirty = true;

    /// <summary>A draft left by a lost connection or a closed tab: offered only when it differs from what was loaded, never applied silently.</summary>
    private async Task OfferDraftAsync()
    {
        if (_editor is null || _doc is null || _doc.IsLocked) return;
        var draft = await _editor.ReadDraftAsync();
        if (draft is { } d && d.Text != _initialText) _draft = d;
        else if (draft is not null) await _editor.ClearDraftAsync();
    }

    private async Task RestoreDraftAsync()
    {
        if (_draft is not { } draft || _editor is null) return;
        _draft = null;
        await _editor.SetTextAsync(draft.Text);
        _dirty = draft.Text != _savedText;
        RenderPreview(draft.Text);
    }

    private async Task DiscardDraftAsync()
    {
        _draft = null;
        if (_editor is not null) await _editor.ClearDraftAsync();
    }

    private Task OnPausedAsync(string text)
    {
        _dirty = text != _savedText;
        _notice = null;
        RenderPreview(text);
        return Task.CompletedTask;
    }

    private void OnTooLong(int length)
    {
        _dirty = true;
        _notice = TooLongMessage(length);
    }

    private static string TooLongMessage(int length) =>
        $"The text is {length:N0} characters long; the limit is {Limits.PostmortemLength:N0}. It is not previewed or saved until it is shorter.";

    private async Task SaveAsync()
    {
        if (_doc is null || _editor is null || _saving || _doc.IsLocked) return;
        _saving = true;
        try
        {
            if (await _editor.GetTextAsync() is { } text) await SaveTextAsync(text, _doc.Version);
            else _notice = TooLongMessage(await _editor.GetLengthAsync());
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task SaveTextAsync(string text, Guid basedOn)
    {
        var result = await Commands.SaveAsync(User.Actor, _doc!.IncidentId, basedOn, text);
        var current = await Queries.GetAsync(User.Actor, _doc.IncidentId);
        switch (result.Outcome)
        {
            case Outcome.Ok:
                _doc = current;
                _savedText = text;
                _startedFromTemplate = false;
                _notice = null;
                // Typing may have gone on while the save ran: only a text equal to the saved one is clean.
                _dirty = await _editor!.GetTextAsync() != text;
                if (!_dirty) await _editor.MarkCleanAsync();
                await ReloadRecordAsync(text);
                Snackbar.Show(result, "Postmortem saved.");
                break;
            case Outcome.Conflict when current is not null:
                await ResolveStaleAsync(text, current);
                break;
            case Outcome.Invalid when current?.IsLocked == true:
                // Published by someone else meanwhile: the editor turns read-only but keeps this text, so it can still be copied.
                _doc = current;
                _notice = $"{ResultText.Of(result)} Your changes are not saved; they stay in the editor for you to copy.";
                break;
            default:
                Snackbar.Show(result, failedSeverity: MudBlazor.Severity.Error);
                break;
        }
    }

    /// <summary>Shows both versions; the user keeps theirs, takes the saved one, or goes on editing. Nothing is merged silently.</summary>
    private async Task ResolveStaleAsync(string mine, PostmortemDocument theirs)
    {
        var message = $"{theirs.SavedBy ?? "Someone"} saved this postmortem{(theirs.SavedAt is { } at ? $" at {UtcTime.Format(at)} UTC" : "")} after you opened it. Compare both versions before saving again.";
        var parameters = new DialogParameters<StaleSaveDialog>
        {
            { d => d.Mine, mine }, { d => d.Theirs, theirs }, { d => d.Message, message },
        };
        var dialog = await Dialogs.ShowAsync<StaleSaveDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        var choice = await dialog.Result;
        if (choice is not { Canceled: false, Data: StaleSaveDialog.StaleChoice c }) return;
        if (c == StaleSaveDialog.StaleChoice.KeepMine)
        {
            await SaveTextAsync(mine, theirs.Version);
            return;
        }
        _doc = theirs;
        var text = theirs.Markdown ?? "";
        await _editor!.SetTextAsync(text);
        await _editor.ClearDraftAsync();
        _savedText = text;
        _dirty = false;
        RenderPreview(text);
    }

    private async Task MoveAsync(WorkflowMove move)
    {
        if (_doc is null) return;
        if (_dirty && !_doc.IsLocked)
        {
            await SaveAsync();
            if (_dirty) return; // the save did not go through; its message says why
        }
        var parameters = new DialogParameters<TransitionDialog> { { d => d.From, _doc.Status }, { d => d.Move, move }, { d => d.By, User.Actor.DisplayName } };
        var dialog = await Dialogs.ShowAsync<TransitionDialog>(move.Label, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false } answer) return;
        var result = await Commands.TransitionAsync(User.Actor, _doc.IncidentId, _doc.Status, move.To, answer.Data as string);
        if (await Queries.GetAsync(User.Actor, _doc.IncidentId) is { } current) _doc = current;
        if (result.Outcome == Outcome.Conflict) Snackbar.Add(ResultText.MovedMeanwhile(result, Labels.Of(_doc.Status)), MudBlazor.Severity.Warning);
        else Snackbar.Show(result, $"Postmortem is now {Labels.Of(_doc.Status).ToLowerInvariant()}.");
    }

    private async Task GoToLineAsync(int line)
    {
        if (_editor is not null) await _editor.GoToLineAsync(line);
    }

    private async Task ConfirmLeavingAsync(LocationChangingContext context)
    {
        if (!_dirty) return; // also when locked meanwhile: the unsaved text is still only in this editor
        var leave = await Dialogs.ShowMessageBoxAsync("Leave without saving?",
            "Your changes to the postmortem are not saved and will be lost.", yesText: "Leave", cancelText: "Stay");
        if (leave != true) context.PreventNavigation();
    }

    private async Task ReloadRecordAsync(string text)
    {
        if (_doc is null) return;
        _record = await Queries.GetRecordAsync(User.Actor, _doc.IncidentId);
        RenderPreview(text);
    }

    /// <summary>
    /// Anyone changed the incident (events, actions, phase times, the review): rebuild the generated
    /// tables and checks, and take the review state. Someone else's saved text replaces the editor's
    /// only when nothing here is unsaved; otherwise the next save shows both versions.
    /// </summary>
    private async Task OnIncidentChangedAsync()
    {
        if (_doc is null || await Queries.GetAsync(User.Actor, _doc.IncidentId) is not { } fresh) return;
        if (fresh.Version != _doc.Version && !_dirty && fresh.Markdown is { } theirs && _editor is not null)
        {
            _doc = fresh;
            await _editor.SetTextAsync(theirs);
            _savedText = theirs;
        }
        else _doc = fresh with { Version = _doc.Version, Markdown = _doc.Markdown, SavedAt = _doc.SavedAt, SavedBy = _doc.SavedBy };
        await ReloadRecordAsync(_text);
    }
}
