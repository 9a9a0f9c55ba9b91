using System.Text.RegularExpressions;

namespace Dashboard.Data.Seeding;

/// <summary>Reads kebab-case enum values ("major-outage", "SEV1") and nothing else.</summary>
internal static partial class SeedEnum
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex Word();

    public static T? Parse<T>(SeedErrors errors, string path, string? text, bool required = true) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(path, "is required");
            return null;
        }
        // Enum.TryParse also accepts numbers ("3"), which would let typos through: words only.
        if (Word().IsMatch(text) && Enum.TryParse<T>(text.Replace("-", ""), ignoreCase: true, out var value) && Enum.IsDefined(value))
            return value;
        errors.Add(path, $"'{text}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(Kebab))}");
        return null;
    }

    public static string Kebab(string name) =>
        name.StartsWith("Sev") ? name.ToUpperInvariant() : Regex.Replace(name, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();
}
