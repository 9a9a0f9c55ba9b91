using Dashboard.Data.Timeline;
using Dashboard.Data.Timeline.Slack;
using Dashboard.Ui.Kit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Dashboard.Timeline;

/// <summary>Imports messages of a Slack export's channel into the timeline, after a preview the responder ticks.</summary>
public partial class SlackImportDialog
{
    [Inject] private TimelineCommands Commands { get; set; } = default!;
    [Inject] private TimelineQueries Queries { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private CurrentUser User { get; set; } = CurrentUser.Anonymous;
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public int IncidentId { get; set; }
    [Parameter, EditorRequired] public string Slug { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<string> Tags { get; set; } = [];
    [Parameter, EditorRequired] public PhaseTimes Phases { get; set; } = default!;
    [Parameter, EditorRequired] public DateTime RecordedAt { get; set; }

    private SlackExport? _export;
    private SlackPreview? _preview;
    private IReadOnlySet<string> _imported = new HashSet<string>();
    private readonly HashSet<string> _ticked = [];
    private string? _channelId;
    private int _margin = 60;
    private string? _problem;
    private bool _reading;
    private bool _saving;

    /// <summary>Opens the dialog; returns how many events were imported (0 when cancelled).</summary>
    public static async Task<int> ShowAsync(IDialogService dialogs, int incidentId, string slug, IReadOnlyList<string> tags, PhaseTimes phases, DateTime recordedAt)
    {
        var parameters = new DialogParameters<SlackImportDialog>
        {
            { d => d.IncidentId, incidentId }, { d => d.Slug, slug }, { d => d.Tags, tags }, { d => d.Phases, phases }, { d => d.RecordedAt, recordedAt },
        };
        var dialog = await dialogs.ShowAsync<SlackImportDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: int count } ? count : 0;
    }

    private (DateTime From, DateTime To) Window => SlackPreview.Window(Phases, RecordedAt, Clock.GetUtcNow().UtcDateTime, _margin);

    private string WindowText => $"{UtcTime.Format(Window.From)} to {UtcTime.Format(Window.To)} UTC";

    private async Task ReadAsync(InputFileChangeEventArgs e)
    {
        (_problem, _export, _preview) = (null, null, null);
        _ticked.Clear();
        if (e.File.Size > Limits.SlackZipBytes)
        {
            _problem = $"The file is {e.File.Size / (1024 * 1024.0):N1} MB; the limit is {Limits.SlackZipBytes / (1024 * 1024)} MB.";
            return;
        }
        _reading = true;
        try
        {
            // ZIP needs to seek, so the upload is copied into memory first; its size is capped above and by the stream.
            using var copy = new MemoryStream();
            await using (var upload = e.File.OpenReadStream(Limits.SlackZipBytes)) await upload.CopyToAsync(copy);
            copy.Position = 0;
            _export = SlackExport.Read(copy);
            _imported = await Queries.SlackKeysAsync(User.Actor, IncidentId);
            _channelId = (SlackPreview.Suggest(_export.Channels, Slug, Tags) ?? _export.Channels.FirstOrDefault())?.Id;
            Rebuild();
        }
        catch (SlackExportException ex)
        {
            _problem = ex.Message;
        }
        catch (IOException ex)
        {
            _problem = $"The file could not be read: {ex.Message}";
        }
        finally
        {
            _reading = false;
        }
    }

    private void ChannelChanged(string id)
    {
        _channelId = id;
        Rebuild();
    }

    private void MarginChanged(int minutes)
    {
        _margin = Math.Clamp(minutes, 0, 10080);
        Rebuild();
    }

    /// <summary>A new channel or window proposes anew, with every new message ticked.</summary>
    private void Rebuild()
    {
        _ticked.Clear();
        if (_export is null || _channelId is null) { _preview = null; return; }
        var (from, to) = Window;
        _preview = SlackPreview.Build(_export, _channelId, from, to, _imported);
        foreach (var row in _preview.Rows.Where(r => !r.AlreadyImported)) _ticked.Add(row.Key);
    }

    private void Tick(string key, bool on)
    {
        if (on) _ticked.Add(key); else _ticked.Remove(key);
    }

    private async Task ImportAsync()
    {
        if (_preview is null || _export is null) return;
        _saving = true;
        try
        {
            var channel = _export.Channels.First(c => c.Id == _channelId).Name;
            var result = await Commands.ImportSlackAsync(User.Actor, IncidentId, channel, [.. _preview.Rows.Where(r => _ticked.Contains(r.Key))]);
            if (result.Succeeded) Dialog.Close(DialogResult.Ok(result.Count));
            else _problem = ResultText.Of(result);
        }
        finally
        {
            _saving = false;
        }
    }
}
