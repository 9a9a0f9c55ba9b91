namespace Dashboard.Data.Factors;

/// <summary>The contributing-factor settings (section "Factors").</summary>
public sealed class FactorOptions
{
    public const string Section = "Factors";

    /// <summary>
    /// The categories a factor can be filed under. An array, so configuration replaces the list instead
    /// of appending to it; null or empty keeps <see cref="DefaultCategories"/>.
    /// </summary>
    public string[]? Categories { get; set; }

    /// <summary>
    /// Seeded from the kinds of factor the incident-analysis literature keeps finding (the change, a latent
    /// defect, capacity, a dependency, detection, tooling, process, communication, knowledge).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultCategories =
        ["change", "latent defect", "capacity", "dependency", "detection", "tooling", "process", "communication", "knowledge"];

    public IReadOnlyList<string> CategoryList => Categories is { Length: > 0 } c ? [.. c.Select(x => x.Trim().ToLowerInvariant()).Where(x => x.Length > 0).Distinct()] : DefaultCategories;
}
