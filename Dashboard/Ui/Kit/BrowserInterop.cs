using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Ui.Kit;

/// <summary>
/// All hand-written JS interop in one place: the viewer's time zone, scrolling, printing, streamed
/// texts, and the postmortem editor (with its local draft). The module is imported on first use and disposed
/// with the circuit.
/// </summary>
public sealed class BrowserInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/browser.js").AsTask();

    /// <summary>The browser's IANA zone ("Europe/Berlin"), or null when it cannot be read.</summary>
    public async Task<string?> TimeZoneAsync()
    {
        try
        {
            return await (await Module).InvokeAsync<string?>("timeZone");
        }
        catch (JSException)
        {
            return null;
        }
    }

    // Plotly.Blazor 7.2 loads plotly.js through its interop module with this element id and path;
    // calling the same function early makes its later call find the script already loaded.
    private const string PlotlyInterop = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";
    // Every chart uses the basic bundle: Plotly.Blazor loads either bundle under one element id
    // and replaces one with the other, so mixing them would reload plotly.js between tabs.
    public const string PlotlyScript = "./_content/Plotly.Blazor/plotly-basic-3.7.0.min.js";

    /// <summary>
    /// Starts loading plotly.js (its 1.1 MB basic bundle) while the user reads the page, so opening a
    /// chart does not wait for it. Loading it twice is harmless: the second call finds it there.
    /// </summary>
    public async Task PreloadChartsAsync()
    {
        try
        {
            await using var plotly = await js.InvokeAsync<IJSObjectReference>("import", PlotlyInterop);
            await plotly.InvokeVoidAsync("importScript", "plotly-import", PlotlyScript);
        }
        catch (JSException)
        {
            // The chart will load the script itself when it is shown.
        }
        catch (JSDisconnectedException)
        {
            // The user left.
        }
    }

    public async Task ScrollIntoViewAsync(string elementId)
    {
        try
        {
            await (await Module).InvokeVoidAsync("scrollIntoView", elementId);
        }
        catch (JSDisconnectedException)
        {
            // The user left; nothing to scroll.
        }
    }

    public async Task PrintAsync()
    {
        try
        {
            await (await Module).InvokeVoidAsync("print");
        }
        catch (JSDisconnectedException)
        {
            // The user left.
        }
    }

    /// <summary>Rings the point at (x, y) of the Plotly chart with that element id, or removes the ring when <paramref name="point"/> is null.</summary>
    public async Task RingPointAsync(string chartId, ChartPoint? point)
    {
        try
        {
            await (await Module).InvokeVoidAsync("ringPoint", chartId, point?.X, point?.Y);
        }
        catch (JSDisconnectedException)
        {
            // The user left.
        }
    }

    /// <summary>
    /// Wires the editor's textarea: <paramref name="editor"/> receives EditorDirty, EditorPaused(text
    /// stream), EditorTooLong(length) and EditorSave calls; each pause keeps a draft under <paramref name="draftKey"/>.
    /// </summary>
    public async Task<IJSObjectReference> AttachEditorAsync<T>(ElementReference textarea, DotNetObjectReference<T> editor, int pauseMs, int maxLength,
        string draftKey) where T : class =>
        await (await Module).InvokeAsync<IJSObjectReference>("attachEditor", textarea, editor, pauseMs, maxLength, draftKey);

    /// <summary>
    /// Listens for the app's keyboard shortcuts: <paramref name="target"/> receives Shortcut("quick-find" | "help");
    /// page keys (n, /) are handled in the browser from data-shortcut attributes. Dispose the returned handle's "detach".
    /// </summary>
    public async Task<IJSObjectReference> AttachShortcutsAsync<T>(DotNetObjectReference<T> target) where T : class =>
        await (await Module).InvokeAsync<IJSObjectReference>("attachShortcuts", target);

    /// <summary>
    /// The text of a textarea, streamed so it may be larger than one SignalR message; null when it is
    /// longer than <paramref name="maxBytes"/> in UTF-8 (then nothing is read). The length comes
    /// from the browser, so it is checked again while reading.
    /// </summary>
    public async Task<TextRead> ReadValueAsync(ElementReference element, long maxBytes)
    {
        var stream = await (await Module).InvokeAsync<IJSStreamReference>("readValue", element);
        return await ReadTextAsync(stream, maxBytes);
    }

    /// <summary>Reads a text stream from the browser if it is at most <paramref name="maxBytes"/> long, and disposes it either way.</summary>
    public static async Task<TextRead> ReadTextAsync(IJSStreamReference? stream, long maxBytes)
    {
        if (stream is null) return new(null, 0);
        await using (stream)
        {
            if (stream.Length > maxBytes) return new(null, stream.Length);
            await using var read = await stream.OpenReadStreamAsync(maxAllowedSize: maxBytes);
            using var reader = new StreamReader(read, System.Text.Encoding.UTF8);
            return new(await reader.ReadToEndAsync(), stream.Length);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await (await _module).DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}

/// <summary>A text read from the browser: <paramref name="Text"/> is null when it was over the limit; <paramref name="Bytes"/> is its UTF-8 length.</summary>
public sealed record TextRead(string? Text, long Bytes);
