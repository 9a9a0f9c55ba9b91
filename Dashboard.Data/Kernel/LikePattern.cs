namespace Dashboard.Data.Kernel;

/// <summary>Search text as a SQL LIKE pattern, used with the escape character <see cref="Escape"/>.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>"%text%" with %, _ and \ in the text escaped, so a search for "50%" means the characters, not a wildcard.</summary>
    public static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
