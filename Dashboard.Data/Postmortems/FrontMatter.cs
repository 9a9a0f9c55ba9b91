using System.Text;
using Dashboard.Data.Seeding;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Dashboard.Data.Postmortems;

/// <summary>
/// A Markdown file that starts with YAML front matter between two "---" lines. Reading is strict:
/// an unknown field or a value of the wrong type is an error naming its line and column.
/// </summary>
public static class FrontMatter
{
    private const string Fence = "---";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithQuotingNecessaryStrings() // "null", "yes" or "12:30" stay strings on the way back in
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build(); // no IgnoreUnmatchedProperties: an unknown field is refused, not dropped

    public static string Write(IncidentDocument document, string? markdown) =>
        $"{Fence}\n{Serializer.Serialize(document)}{Fence}\n\n{markdown}";

    public static (IncidentDocument? Document, string? Body, string? Error) Read(string content) =>
        ReadAsync(new StringReader(content)).GetAwaiter().GetResult(); // a StringReader completes synchronously

    /// <summary>
    /// Reads the file as it arrives (see <see cref="FrontMatterReader"/> for the size and structure
    /// checks), then maps the YAML strictly onto the seed-file fields.
    /// </summary>
    public static async Task<(IncidentDocument? Document, string? Body, string? Error)> ReadAsync(TextReader content, CancellationToken ct = default)
    {
        var (text, error) = await FrontMatterReader.ReadAsync(content, ct);
        if (text is null) return (null, null, error);
        IncidentDocument? document;
        try
        {
            document = Deserializer.Deserialize<IncidentDocument>(text.Yaml);
        }
        catch (YamlException ex)
        {
            return (null, null, Describe(ex));
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            // Rare inputs make YamlDotNet's type conversion throw outside its own exception type
            // (the property test found one); they are still a bad file, not a crash.
            return (null, null, $"front matter: {ex.Message}");
        }
        if (document is null) return (null, null, "the front matter is empty");
        return (document, string.IsNullOrWhiteSpace(text.Body) ? null : text.Body, null);
    }

    /// <summary>The problem in the terms of the file: line and column (counting the opening ---), and the reason.</summary>
    private static string Describe(YamlException ex)
    {
        Exception inner = ex;
        while (inner.InnerException is not null) inner = inner.InnerException;
        var reason = inner.Message;
        if (reason.Contains("not found on type", StringComparison.Ordinal) && reason.Split('\'') is { Length: > 1 } parts)
            reason = $"unknown field '{parts[1]}' (the fields are those of the seed files, see seed-data/README.md)";
        var where = new StringBuilder("front matter");
        if (ex.Start.Line > 0) where.Append($", line {ex.Start.Line + 1}, column {ex.Start.Column}");
        return $"{where}: {reason}";
    }
}
