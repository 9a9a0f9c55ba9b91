namespace Dashboard.Data.Alerts;

/// <summary>Bound from the <c>Alerts</c> section: how labels become an incident's severity, services and organisation.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public string SeverityLabel { get; set; } = "severity";

    /// <summary>Label value (any case) → severity, e.g. <c>Alerts:Severity:critical=Sev1</c>.</summary>
    public Dictionary<string, Severity> Severity { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = Kernel.Severity.Sev1, ["page"] = Kernel.Severity.Sev1, ["error"] = Kernel.Severity.Sev2,
        ["high"] = Kernel.Severity.Sev2, ["warning"] = Kernel.Severity.Sev3, ["info"] = Kernel.Severity.Sev4,
    };

    /// <summary>When no alert carries a mapped severity.</summary>
    public Severity DefaultSeverity { get; set; } = Kernel.Severity.Sev3;

    /// <summary>The label whose value is matched to catalog service keys.</summary>
    public string ServiceLabel { get; set; } = "service";

    /// <summary>The label naming the organisation (team); <see cref="Organisation"/> when absent.</summary>
    public string OrganisationLabel { get; set; } = "team";

    public string Organisation { get; set; } = "Alertmanager";

    public Severity SeverityOf(IEnumerable<IReadOnlyDictionary<string, string>> labelSets)
    {
        var found = labelSets.Select(l => l.TryGetValue(SeverityLabel, out var v) && Severity.TryGetValue(v, out var s) ? s : (Severity?)null)
            .Where(s => s is not null).Select(s => s!.Value).ToList();
        return found.Count == 0 ? DefaultSeverity : found.Min(); // the worst of the group
    }
}
