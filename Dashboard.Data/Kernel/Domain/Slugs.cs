using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Data.Kernel;

public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,79}$")]
    private static partial Regex Valid();

    public static bool IsValid(string? slug) => slug is not null && Valid().IsMatch(slug);

    /// <summary>"2025-11-18-global-5xx-errors": the date first so slugs sort and read chronologically.</summary>
    public static string FromTitle(string title, DateTime? date)
    {
        var sb = new StringBuilder(date is { } d ? d.ToString("yyyy-MM-dd") + "-" : "");
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '/' or '.') sb.Append('-');
        }
        var slug = Regex.Replace(sb.ToString(), "-{2,}", "-").Trim('-');
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return slug.Length >= 2 ? slug : "incident";
    }
}
