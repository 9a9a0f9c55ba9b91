
namespace Dashboard.Ui.Kit;

/// <summary>
/// The first page of a server-paged table. It is read while the page is prerendered, so the server's
/// HTML already holds the rows and their links (no empty table until the circuit connects, and
/// something to read on a slow connection), and carried into the circuit with [PersistentState], so
/// the circuit's first load of the table takes it instead of reading it again.
/// </summary>
public static class FirstPage
{
    public const int Size = 25;

    /// <summary>
    /// The carried page when the table asks for exactly it (page 0, <see cref="Size"/> rows, the
    /// default sort); null when it asks for anything else. Callers then drop it: it is taken once.
    /// </summary>
    public static Paged<T>? Match<T>(Paged<T>? carried, int page, int pageSize, bool defaultSort) =>
        carried is not null && page == 0 && pageSize == Size && defaultSort ? carried : null;

    /// <summary>
    /// Parameters for a server-paged MudTable (splatted with @attributes). While prerendering: no rows
    /// (an empty Items, without which MudTable draws no table at all) and Loading, so its loading body
    /// (<c>FirstPageRows</c>) draws the first page as plain rows; a MudTr component per row was most of
    /// what a list cost to prerender. In the circuit nothing: the table loads its pages, setting Loading itself.
    /// </summary>
    public static IReadOnlyDictionary<string, object> Prerendering<T>(bool interactive) => interactive ? Circuit : Prerender<T>.Parameters;

    private static readonly IReadOnlyDictionary<string, object> Circuit = new Dictionary<string, object>();

    private static class Prerender<T>
    {
        public static readonly IReadOnlyDictionary<string, object> Parameters = new Dictionary<string, object> { ["Items"] = Array.Empty<T>(), ["Loading"] = true };
    }

    /// <summary>The first page of rows a table holds in full (paged in the browser).</summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> all) => all.Count <= Size ? all : all.Take(Size).ToList();

    /// <summary>"1–25 of 10,000": what the pager will say, for the prerendered HTML (the pager itself needs the circuit).</summary>
    public static string Range<T>(Paged<T>? first) => first is null ? "" : Range(first.Items.Count, first.Total);

    public static string Range(int shown, int total) => total == 0 ? "" : $"1–{shown} of {total:N0}";
}
