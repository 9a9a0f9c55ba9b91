using System.Text.RegularExpressions;

namespace Dashboard.Data.StatusPages;

/// <summary>What a page's settings and an update's text may be, checked the same way from the form and the API.</summary>
public static partial class StatusPageRules
{
    public const int KeyLength = 40;
    public const int DescriptionLength = 500;
    public const int OriginsLength = 2000;
    public const int OriginCount = 20;
    public const int GroupsLength = 2000;
    public const int GroupCount = 20;
    public const int BodyLength = 4000;
    /// <summary>A public postmortem is longer than an update, but still one page's worth.</summary>
    public const int PostmortemLength = 30_000;
    public const int ComponentCount = 100;
    public const int Pages = 50;

    /// <summary>Change-bus scope of the pages' settings: the snapshot and the admin page follow it.</summary>
    public static ChangeScope Scope { get; } = new("status-pages");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex KeyPattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>An origin a browser sends: scheme, host and an optional port, nothing after (https://intranet.example.com).</summary>
    public static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && !origin.EndsWith('/') && uri.Query.Length == 0 && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0;

    public static IReadOnlyList<string> Origins(string stored) =>
        [.. stored.Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The OIDC groups a restricted page admits, as stored (one per line).</summary>
    public static IReadOnlyList<string> GroupsOf(string stored) =>
        [.. stored.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static IReadOnlyList<Role> RolesOf(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>()];

    /// <summary>The Statuspage name of a level, as a component's status.</summary>
    public static string ComponentStatus(ImpactLevel? level) => level switch
    {
        ImpactLevel.MajorOutage => "major_outage",
        ImpactLevel.PartialOutage => "partial_outage",
        ImpactLevel.Degraded => "degraded_performance",
        _ => "operational",
    };

    public static string Word(PublicState state) => state.ToString().ToLowerInvariant();
}

/// <summary>One component of a page: a catalog service (by key, as the API names it, or id) and its public name.</summary>
public sealed record StatusComponentInput(string ServiceKey, string? DisplayName);

/// <summary>A page's settings as an admin sets them. <see cref="Roles"/> counts only for a restricted audience.</summary>
public sealed record StatusPageInput
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public StatusAudience Audience { get; init; }
    public IReadOnlyList<Role> Roles { get; init; } = [];
    /// <summary>For a restricted audience: OIDC groups (values of the provider's groups claim) whose members may open it too.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
    public string? LogoUrl { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> EmbedOrigins { get; init; } = [];
    public bool ImpactDrivesColour { get; init; }
    public IReadOnlyList<StatusComponentInput> Components { get; init; } = [];

    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (!StatusPageRules.IsValidKey(Key?.Trim())) errors[nameof(Key)] = "The address: 2 to 40 lower-case letters, digits and dashes, starting with a letter or digit.";
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Name the page.";
        else if (Name.Trim().Length > Limits.NameLength) errors[nameof(Name)] = $"At most {Limits.NameLength} characters.";
        if (!Enum.IsDefined(Audience)) errors[nameof(Audience)] = "Choose Public, Internal or Restricted.";
        var groups = (Groups ?? []).Select(g => g?.Trim() ?? "").ToList();
        if (Audience == StatusAudience.Restricted && (Roles ?? []).Count == 0 && groups.Count == 0)
            errors[nameof(Roles)] = "A restricted page names at least one role or group that may open it.";
        if (groups.Count > StatusPageRules.GroupCount) errors[nameof(Groups)] = $"At most {StatusPageRules.GroupCount} groups.";
        else if (groups.FirstOrDefault(g => g.Length is 0 or > 200 || g.Any(char.IsControl)) is { } badGroup)
            errors[nameof(Groups)] = $"'{badGroup}' is not a group name: 1 to 200 characters on one line.";
        if (!string.IsNullOrWhiteSpace(LogoUrl) && (!WebLinks.IsSafeHttpUrl(LogoUrl) || LogoUrl.Trim().Length > Limits.UrlLength))
            errors[nameof(LogoUrl)] = "The logo: an http or https address.";
        if (Description?.Trim().Length > StatusPageRules.DescriptionLength) errors[nameof(Description)] = $"At most {StatusPageRules.DescriptionLength} characters.";
        var origins = EmbedOrigins ?? [];
        if (origins.Count > StatusPageRules.OriginCount) errors[nameof(EmbedOrigins)] = $"At most {StatusPageRules.OriginCount} origins.";
        else if (origins.FirstOrDefault(o => !StatusPageRules.IsOrigin(o.Trim())) is { } bad)
            errors[nameof(EmbedOrigins)] = $"'{bad}' is not an origin: write scheme and host, e.g. https://intranet.example.com.";
        var components = Components ?? [];
        if (components.Count > StatusPageRules.ComponentCount) errors[nameof(Components)] = $"At most {StatusPageRules.ComponentCount} components.";
        for (var i = 0; i < components.Count; i++)
            if (components[i].DisplayName?.Trim().Length > Limits.ServiceNameLength)
                errors[$"Components[{i}]"] = $"A public name has at most {Limits.ServiceNameLength} characters.";
        if (components.GroupBy(c => c.ServiceKey).FirstOrDefault(g => g.Count() > 1) is { } twice)
            errors[nameof(Components)] = $"'{twice.Key}' is on the page twice.";
        return errors;
    }
}

/// <summary>A draft's content: its public title, state, text and the services it names with their levels (by service key).</summary>
public sealed record StatusUpdateInput
{
    public string Title { get; init; } = "";
    public PublicState State { get; init; }
    public string Body { get; init; } = "";
    public IReadOnlyDictionary<string, ImpactLevel> Components { get; init; } = new Dictionary<string, ImpactLevel>();

    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Title)) errors[nameof(Title)] = "Give the incident a public title.";
        else if (Title.Trim().Length > Limits.TitleLength) errors[nameof(Title)] = $"At most {Limits.TitleLength} characters.";
        if (!Enum.IsDefined(State)) errors[nameof(State)] = "Choose investigating, identified, monitoring or resolved.";
        if (string.IsNullOrWhiteSpace(Body)) errors[nameof(Body)] = "Write what readers should know.";
        else if (Body.Trim().Length > StatusPageRules.BodyLength) errors[nameof(Body)] = $"At most {StatusPageRules.BodyLength:N0} characters.";
        if ((Components ?? new Dictionary<string, ImpactLevel>()).Values.Any(l => !Enum.IsDefined(l))) errors[nameof(Components)] = "Levels: Degraded, PartialOutage or MajorOutage.";
        return errors;
    }
}
