using CsCheck;

namespace Dashboard.Tests.Hostile;

/// <summary>
/// Generators for text that hurts parsers: random characters of every kind, and strings built from
/// fragments each of our readers treats specially (markers, fences, brackets, times, YAML and JSON
/// syntax, control characters, lone surrogates), repeated to build depth and length.
/// </summary>
public static class HostileGen
{
    private static readonly string[] Fragments =
    [
        "- ", "* ", "+ ", "1. ", "> ", ">", "  ", "\t", "    ", "\n", "\r\n", "\r", "\n\n", "|", "| a |", "|---|", "[", "]", "(", ")",
        "[x](javascript:alert(1))", "<script>", "`", "```", "~~~", "**", "_", "~~", "#", "\\", "[^1]", "[^1]: x", "{{timeline:all}}", "{{timeline}}",
        "{{impact}}", "{{actions}}", "{{metrics}}", "11:28", "23:59:59", "[11:28]", "11:28 PM", "2025-11-18", "2025-11-18T11:28:00Z",
        "9999-12-31", "0001-01-01", "+14:00", "-99:99", "T", "Z", " UTC", "AM", "alice:", "Alice Smith  11:28 AM", "---", "...", ": ", "&a ", "*a",
        "!tag ", "!!str ", "{", "}", "[]", "{}", "\"", "'", "null", "~", "yes", "1e999", "-1", "2147483648", "\0", "\u0085", "\u2028", "\uFEFF",
        "\uD800", "\uDC00", "😀", "é", "ـ", "\u202E",
    ];

    /// <summary>Any characters, mostly short.</summary>
    public static readonly Gen<string> AnyText = Gen.String[Gen.Char, 0, 400];

    /// <summary>Fragments repeated into deep or long structures.</summary>
    public static readonly Gen<string> Structured =
        Gen.Select(Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 200], (i, n) => (i, n)).Array[1, 12]
            .Select(parts => string.Concat(parts.Select(p => string.Concat(Enumerable.Repeat(Fragments[p.i], p.n)))));

    /// <summary>Half random, half structured: what our readers meet from a hostile or unlucky user.</summary>
    public static readonly Gen<string> Text = Gen.Frequency((1, AnyText), (2, Structured));
}
