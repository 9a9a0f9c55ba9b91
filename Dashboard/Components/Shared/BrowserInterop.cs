using Microsoft.JSInterop;

namespace Dashboard.Components.Shared;

/// <summary>
/// All hand-written JS interop in one place: the viewer's time zone and scrolling an element into
/// view. The module is imported on first use and disposed with the circuit.
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
