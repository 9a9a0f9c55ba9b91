using System.Text;

namespace Dashboard.Data.Search;

/// <summary>
/// What a person typed, read as words: every term must match; a term in double quotes, or written
/// with inner punctuation ("1.1.1.1", "us-east-1"), is a phrase. Only letters and digits reach the
/// database, so no text can be read as FTS5 or tsquery syntax: the query strings are built here,
/// never from the input as it came.
/// </summary>
public sealed record SearchText
{
    public const int MaxLength = 200;
    public const int MaxTerms = 12;

    private SearchText(IReadOnlyList<IReadOnlyList<string>> terms) => Terms = terms;

    /// <summary>Each term: the words of a phrase (one word for a plain term), letters and digits only.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Terms { get; }

    /// <summary>The text as a query, or why it cannot be one (a sentence for the person who typed it).</summary>
    public static (SearchText? Text, string? Error) Parse(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0) return (null, "Type a word to search for.");
        if (text.Length > MaxLength) return (null, $"A search is at most {MaxLength} characters; this one has {text.Length}.");
        var terms = new List<IReadOnlyList<string>>();
        var chunks = text.Split('"');
        for (var c = 0; c < chunks.Length; c++)
        {
            // Odd chunks were inside quotes: one phrase. Even chunks: one term per space-separated part.
            var parts = c % 2 == 1 ? [chunks[c]] : chunks[c].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            foreach (var part in parts)
                if (Words(part) is { Count: > 0 } words) terms.Add(words);
        }
        if (terms.Count == 0) return (null, "Search for words: only letters and digits are searched, so punctuation alone finds nothing.");
        if (terms.Count > MaxTerms) return (null, $"A search has at most {MaxTerms} words or phrases; this one has {terms.Count}.");
        return (new SearchText(terms), null);
    }

    /// <summary>FTS5 MATCH text: every term a quoted string (a phrase), joined by AND.</summary>
    public string ToFts5() => string.Join(" AND ", Terms.Select(t => $"\"{string.Join(' ', t)}\""));

    /// <summary>to_tsquery text: words of a phrase joined by &lt;-&gt;, terms by &amp;.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(t => $"({string.Join(" <-> ", t)})"));

    public override string ToString() => string.Join(' ', Terms.Select(t => t.Count == 1 ? t[0] : $"\"{string.Join(' ', t)}\""));

    private static List<string> Words(string part)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in part)
        {
            if (char.IsLetterOrDigit(ch)) word.Append(char.ToLowerInvariant(ch));
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
    }
}
