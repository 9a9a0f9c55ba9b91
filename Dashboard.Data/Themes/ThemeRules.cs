namespace Dashboard.Data.Themes;

/// <summary>What a theme may be: a short name, unique without regard to case, and a description.</summary>
public static class ThemeRules
{
    public const int NameLength = 60;
    public const int DescriptionLength = 500;
    public const int ThemesPerRow = 10;

    public static Dictionary<string, string> Validate(ThemeInput input)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(ThemeInput.Name)] = "Name the theme.";
        else if (name.Length > NameLength) errors[nameof(ThemeInput.Name)] = $"A theme's name is at most {NameLength} characters.";
        if ((input.Description?.Trim().Length ?? 0) > DescriptionLength)
            errors[nameof(ThemeInput.Description)] = $"A description is at most {DescriptionLength} characters.";
        return errors;
    }
}

public sealed class ThemeInput
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
}
