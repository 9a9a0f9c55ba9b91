namespace Dashboard.Data.Factors;

/// <summary>What a factor must be: a short statement, a category from the list, evidence and actions of its own incident.</summary>
public static class FactorRules
{
    public const int StatementLength = 1000;
    public const int CategoryLength = 40;
    public const int FactorsPerIncident = 50;
    public const int LinksPerFactor = 100;

    public static Dictionary<string, string> Validate(FactorInput input, IReadOnlyList<string> categories)
    {
        var errors = new Dictionary<string, string>();
        var statement = input.Statement?.Trim() ?? "";
        if (statement.Length == 0) errors[nameof(FactorInput.Statement)] = "Say what contributed, in a sentence.";
        else if (statement.Length > StatementLength) errors[nameof(FactorInput.Statement)] = $"At most {StatementLength:N0} characters.";
        var category = input.Category?.Trim().ToLowerInvariant() ?? "";
        if (!categories.Contains(category)) errors[nameof(FactorInput.Category)] = $"Choose one of: {string.Join(", ", categories)}.";
        if (input.EventIds.Count > LinksPerFactor) errors[nameof(FactorInput.EventIds)] = $"At most {LinksPerFactor} events.";
        if (input.ActionIds.Count > LinksPerFactor) errors[nameof(FactorInput.ActionIds)] = $"At most {LinksPerFactor} actions.";
        return errors;
    }
}

/// <summary>A factor as the dialog and the API edit it.</summary>
public sealed class FactorInput
{
    public string Statement { get; set; } = "";
    public string Category { get; set; } = "";
    /// <summary>Timeline events of the same incident that show the factor.</summary>
    public IReadOnlyCollection<int> EventIds { get; set; } = [];
    /// <summary>Actions of the same incident that address it.</summary>
    public IReadOnlyCollection<int> ActionIds { get; set; } = [];
}
