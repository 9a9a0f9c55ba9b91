using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dashboard.Data.Postmortems;

/// <summary>
/// Reads a postmortem file from a stream in one pass: the front matter line by line up to its closing
/// fence, then the body up to its limit, so an over-size file is refused without being held whole
/// (or several times over) in memory. Before the YAML is mapped it is checked event by event:
/// anchors, aliases and explicit tags are refused (an alias repeated in a list multiplies rows
/// without growing the file), and so is nesting deeper than any export writes.
/// </summary>
public static class FrontMatterReader
{
    private const string Fence = "---";
    /// <summary>An export nests four levels (document, timeline, event, field); twice that is plenty.</summary>
    public const int MaxDepth = 8;

    public static async Task<(IncidentDocumentText? Text, string? Error)> ReadAsync(TextReader reader, CancellationToken ct = default)
    {
        var first = await reader.ReadLineAsync(ct);
        if (first?.TrimStart('\uFEFF') != Fence)
            return (null, "line 1: the file must start with YAML front matter (a line with ---)");
        var yaml = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line is null) return (null, "the front matter is not closed: add a line with --- after it");
            if (line.TrimEnd() is Fence or "...") break;
            yaml.Append(line).Append('\n');
            if (yaml.Length > Limits.PostmortemFileBytes)
                return (null, $"the front matter is longer than {Limits.PostmortemFileBytes / 1024:N0} KB");
        }
        var body = await ReadBodyAsync(reader, ct);
        if (body is null) return (null, $"the postmortem text is longer than {Limits.PostmortemLength:N0} characters, the limit");
        var text = yaml.ToString();
        if (string.IsNullOrWhiteSpace(text)) return (null, "the front matter is empty");
        return CheckStructure(text) is { } problem ? (null, problem) : (new IncidentDocumentText(text, body), null);
    }

    /// <summary>The rest of the file, line ends as \n, without the blank line the export puts first; null when over the limit.</summary>
    private static async Task<string?> ReadBodyAsync(TextReader reader, CancellationToken ct)
    {
        var body = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        // CRLF files hold up to two characters per line end: read that much before deciding.
        while ((read = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            body.Append(buffer, 0, read);
            if (body.Length > 2 * Limits.PostmortemLength + 2) return null;
        }
        var text = body.Replace("\r\n", "\n").ToString();
        if (text.StartsWith('\n')) text = text[1..];
        if (text.Length > Limits.PostmortemLength) return null;
        return string.IsNullOrWhiteSpace(text) ? "" : text;
    }

    /// <summary>Walks the YAML's events: the first anchor, alias, explicit tag or over-deep nesting is named with its line.</summary>
    public static string? CheckStructure(string yaml)
    {
        var depth = 0;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var where = $"front matter, line {e.Start.Line + 1}";
                switch (e)
                {
                    case AnchorAlias:
                        return $"{where}: aliases (*name) are not accepted; write the value out";
                    case NodeEvent { Anchor.IsEmpty: false }:
                        return $"{where}: anchors (&name) are not accepted; write the value out";
                    case NodeEvent { Tag.IsEmpty: false, Tag.IsNonSpecific: false } n:
                        return $"{where}: the tag {n.Tag} is not accepted; write the plain value";
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        return $"{where}: nesting deeper than {MaxDepth} levels";
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
            return null;
        }
        catch (YamlException ex)
        {
            return $"front matter, line {ex.Start.Line + 1}, column {ex.Start.Column}: {ex.Message}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed plain scalars
            // (InvalidOperationException, property test seed 0kUltwlnzOI4) and on a tag that is not a
            // valid URI (ArgumentException, seed aWq70m8WZxb2): still a bad file, not a crash.
            return "front matter: it is not valid YAML (the parser gave up without naming a line)";
        }
    }
}

/// <summary>The front matter's YAML text, checked for structure, and the Markdown body ("" when there is none).</summary>
public sealed record IncidentDocumentText(string Yaml, string Body);
