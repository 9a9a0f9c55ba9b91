namespace Dashboard.Data.Budgets;

/// <summary>What an SLO must satisfy, shared by the catalog form and the seed files.</summary>
public static class SloRules
{
    /// <summary>Problems by field (empty when fine). A target is a fraction strictly between 0 and 1; weights lie in 0–1.</summary>
    public static Dictionary<string, string> Validate(double? target, SloWindow window, double major, double partial, double degraded)
    {
        var errors = new Dictionary<string, string>();
        if (target is { } t && (double.IsNaN(t) || t <= 0 || t >= 1))
            errors["SloTarget"] = $"SLO target: {t * 100:0.###}% must lie between 0% and 100% (e.g. 99.9%).";
        if (!Enum.IsDefined(window)) errors["SloWindow"] = "SLO window: choose rolling 28 days, rolling 30 days or calendar month.";
        foreach (var (field, label, w) in new[] { ("WeightMajorOutage", "Major outage weight", major), ("WeightPartialOutage", "Partial outage weight", partial), ("WeightDegraded", "Degraded weight", degraded) })
            if (double.IsNaN(w) || w < 0 || w > 1) errors[field] = $"{label}: {w} must lie between 0 and 1.";
        return errors;
    }
}
