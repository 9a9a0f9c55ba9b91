namespace Dashboard.Data.Catalog;

/// <summary>A service as the catalog form edits it.</summary>
public sealed class ServiceInput
{
    /// <summary>The address of the service page; only set when the service is created.</summary>
    public string? Key { get; set; }
    public string Name { get; set; } = "";
    public string Group { get; set; } = "";
    public string? Description { get; set; }
    public string? OwnerTeam { get; set; }
    public int Tier { get; set; } = 2;
    /// <summary>Availability objective in percent (99.9); empty: no SLO.</summary>
    public double? SloPercent { get; set; }
    public SloWindow SloWindow { get; set; } = SloWindow.Rolling30Days;
    public double WeightMajorOutage { get; set; } = 1.0;
    public double WeightPartialOutage { get; set; } = 0.5;
    public double WeightDegraded { get; set; } = 0.1;

    public Dictionary<string, string> Validate(bool creating)
    {
        var errors = new Dictionary<string, string>();
        var name = Name.Trim();
        if (name.Length == 0) errors[nameof(Name)] = "Name: required.";
        else if (name.Length > Limits.ServiceNameLength) errors[nameof(Name)] = $"Name: at most {Limits.ServiceNameLength} characters.";
        if (Group.Trim().Length == 0) errors[nameof(Group)] = "Group: required (the organisation or area the service belongs to).";
        else if (Group.Trim().Length > Limits.NameLength) errors[nameof(Group)] = $"Group: at most {Limits.NameLength} characters.";
        if ((OwnerTeam?.Trim().Length ?? 0) > Limits.NameLength) errors[nameof(OwnerTeam)] = $"Owner team: at most {Limits.NameLength} characters.";
        if ((Description?.Trim().Length ?? 0) > Limits.EventTextLength) errors[nameof(Description)] = $"Description: at most {Limits.EventTextLength} characters.";
        if (Tier is < 1 or > 4) errors[nameof(Tier)] = "Tier: a number from 1 (most critical) to 4.";
        foreach (var (field, message) in Budgets.SloRules.Validate(SloPercent / 100, SloWindow, WeightMajorOutage, WeightPartialOutage, WeightDegraded))
            errors[field == "SloTarget" ? nameof(SloPercent) : field] = message;
        if (creating && !Slugs.IsValid(EffectiveKey))
            errors[nameof(Key)] = $"Key: '{EffectiveKey}' must be 2–80 lowercase letters, digits and '-', starting with a letter or digit.";
        return errors;
    }

    /// <summary>The key typed, or one made from the name when left empty.</summary>
    public string EffectiveKey => string.IsNullOrWhiteSpace(Key) ? KeyFromName(Name) : Key.Trim();

    private static string KeyFromName(string name)
    {
        var slug = Slugs.FromTitle(name, null);
        return slug == "incident" ? "" : slug;
    }
}
