using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Dashboard.Ui.Kit;

namespace Dashboard.Postmortems;

/// <summary>
/// The postmortem's Markdown textarea. Typing stays in the browser; the text reaches the server as a
/// stream after a pause (see browser.js attachEditor), and a draft is kept in the browser meanwhile.
/// </summary>
public partial class MarkdownEditor : IAsyncDisposable
{
    [Inject] private BrowserInterop Browser { get; set; } = default!;

    /// <summary>The text the editor starts with; later changes go through <see cref="SetTextAsync"/> so typing is never overwritten by a render.</summary>
    [Parameter, EditorRequired] public string InitialText { get; set; } = "";
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public int PauseMs { get; set; } = 300;
    [Parameter] public EventCallback Dirty { get; set; }
    [Parameter] public EventCallback<string> Paused { get; set; }
    [Parameter] public EventCallback SaveRequested { get; set; }
    /// <summary>The text is over <see cref="Limits.PostmortemLength"/>: it is neither sent nor previewed; the argument is its length.</summary>
    [Parameter] public EventCallback<int> TooLong { get; set; }
    /// <summary>Where the browser keeps the text at each pause (localStorage), so a lost circuit loses no typing.</summary>
    [Parameter, EditorRequired] public string DraftKey { get; set; } = "";
    /// <summary>The browser side is wired: drafts can be read from now on.</summary>
    [Parameter] public EventCallback Attached { get; set; }

    /// <summary>UTF-8 takes at most 3 bytes per UTF-16 character, so this many bytes hold any text within the limit.</summary>
    private const long MaxBytes = 3L * Limits.PostmortemLength;

    private ElementReference _textarea;
    private DotNetObjectReference<MarkdownEditor>? _self;
    private IJSObjectReference? _handle;
    private bool _attached;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _handle = await Browser.AttachEditorAsync(_textarea, _self, PauseMs, Limits.PostmortemLength, DraftKey);
        _attached = true;
        StateHasChanged(); // editable from now on
        await Attached.InvokeAsync();
    }

    /// <summary>The text as typed, or null when it is over the length limit (it is then not sent at all).</summary>
    public async Task<string?> GetTextAsync() => _handle is null ? InitialText : await ReadAsync(await _handle.InvokeAsync<IJSStreamReference?>("value"));

    public async Task<int> GetLengthAsync() => _handle is null ? InitialText.Length : await _handle.InvokeAsync<int>("length");

    public async Task SetTextAsync(string text)
    {
        if (_handle is not null) await _handle.InvokeVoidAsync("setValue", text);
    }

    /// <summary>The text is saved (or replaced by the saved one): not dirty, and no draft to offer back.</summary>
    public async Task MarkCleanAsync()
    {
        if (_handle is null) return;
        await _handle.InvokeVoidAsync("markClean");
        await _handle.InvokeVoidAsync("clearDraft");
    }

    /// <summary>The draft this browser kept for this postmortem and when (UTC), or null when there is none or it is over the limit.</summary>
    public async Task<(string Text, DateTime At)?> ReadDraftAsync()
    {
        if (_handle is null || await _handle.InvokeAsync<string?>("draftTime") is not { Length: <= 40 } at
            || !DateTime.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var when))
            return null;
        return await ReadAsync(await _handle.InvokeAsync<IJSStreamReference?>("draftText")) is { } text ? (text, when) : null;
    }

    public async Task ClearDraftAsync()
    {
        if (_handle is not null) await _handle.InvokeVoidAsync("clearDraft");
    }

    public async Task GoToLineAsync(int line)
    {
        if (_handle is not null) await _handle.InvokeVoidAsync("goToLine", line);
    }

    private static async Task<string?> ReadAsync(IJSStreamReference? stream) =>
        (await BrowserInterop.ReadTextAsync(stream, MaxBytes)).Text is { Length: <= Limits.PostmortemLength } text ? text : null;

    [JSInvokable] public Task EditorDirty() => GuardedAsync(() => Dirty.InvokeAsync());

    /// <summary>The browser sends the text as a stream; its size is checked here, not trusted from the script.</summary>
    [JSInvokable]
    public Task EditorPaused(IJSStreamReference text) => GuardedAsync(async () =>
    {
        var read = await BrowserInterop.ReadTextAsync(text, MaxBytes);
        if (read.Text is { Length: <= Limits.PostmortemLength } typed) await Paused.InvokeAsync(typed);
        else await TooLong.InvokeAsync((int)Math.Min(int.MaxValue, read.Text?.Length ?? read.Bytes));
    });

    [JSInvokable] public Task EditorSave() => GuardedAsync(() => SaveRequested.InvokeAsync());
    [JSInvokable] public Task EditorTooLong(int length) => GuardedAsync(() => TooLong.InvokeAsync(Math.Max(0, length)));

    /// <summary>
    /// A failure in a call from the script would only reject a promise in the browser, unseen; handed
    /// to the renderer it reaches the page's error boundary, which shows it with an id and logs it.
    /// </summary>
    private async Task GuardedAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not JSDisconnectedException)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("detach");
                await _handle.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the textarea with it.
        }
        _self?.Dispose();
    }
}
