using System.Text;
using Microsoft.JSInterop;

namespace Dashboard.Tests.Infrastructure;

/// <summary>What the browser hands over for a large text (a JS stream reference), for component tests.</summary>
public sealed class TextStream(byte[] bytes) : IJSStreamReference
{
    public static TextStream Of(string text) => new(Encoding.UTF8.GetBytes(text));

    public long Length => bytes.Length;

    public bool Opened { get; private set; }

    public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
    {
        // As the real one: a stream longer than the reader allows is refused, not truncated.
        if (bytes.Length > maxAllowedSize) throw new ArgumentOutOfRangeException(nameof(maxAllowedSize));
        Opened = true;
        return ValueTask.FromResult<Stream>(new MemoryStream(bytes));
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new NotSupportedException();

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
