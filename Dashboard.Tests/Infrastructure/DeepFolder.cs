namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A folder reached by a deliberately long path (well over 120 characters), linked to a real one: a
/// page that shows the path must wrap it on a phone, wherever the checkout happens to live.
/// </summary>
public sealed class DeepFolder : IDisposable
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ib-deep-" + Guid.NewGuid().ToString("N"));

    /// <summary>The long path; at least <see cref="MinimumLength"/> characters.</summary>
    public string Path { get; }

    public const int MinimumLength = 130;

    private DeepFolder(string target)
    {
        // One folder name of over 100 letters and digits: a browser may break a line after a slash or a
        // hyphen, never inside such a name, so it is what stretches a page (a CI checkout has them).
        var parent = System.IO.Path.Combine(_root, "checkout" + string.Concat(Enumerable.Repeat(Guid.NewGuid().ToString("N"), 3)));
        Directory.CreateDirectory(parent);
        Path = System.IO.Path.Combine(parent, System.IO.Path.GetFileName(target));
        Directory.CreateSymbolicLink(Path, target);
        if (Path.Length < MinimumLength) throw new InvalidOperationException($"{Path} is shorter than {MinimumLength} characters");
    }

    /// <summary>A long path that leads to <paramref name="target"/> (a symbolic link: nothing is copied).</summary>
    public static DeepFolder LinkTo(string target) => new(target);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } // deletes the link, never what it points to
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
