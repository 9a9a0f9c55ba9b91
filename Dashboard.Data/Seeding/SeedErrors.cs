namespace Dashboard.Data.Seeding;

/// <summary>Collects problems found in one seed file, each naming the item and the reason.</summary>
internal sealed class SeedErrors
{
    // Enough to fix a file in one go without flooding the log when a whole file is garbage.
    private const int MaxReported = 25;
    private readonly List<string> _items = [];
    private int _count;

    public bool Any => _count > 0;
    public IReadOnlyList<string> Items => _count > MaxReported ? [.. _items, $"… and {_count - MaxReported} more"] : _items;

    public void Add(string path, string reason)
    {
        if (++_count <= MaxReported) _items.Add($"{path}: {reason}");
    }

    /// <summary>Adds an error when a required text is missing or a text is too long; returns the trimmed text.</summary>
    public string? Text(string path, string? value, int maxLength, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) Add(path, "is required");
            return null;
        }
        if (text.Length > maxLength) Add(path, $"is {text.Length} characters long; the limit is {maxLength}");
        return text;
    }

    public void Count<T>(string path, List<T>? list, int limit)
    {
        if (list is not null && list.Count > limit) Add(path, $"has {list.Count} items; the limit is {limit}");
    }
}
