namespace Dashboard.Data.StatusPages;

/// <summary>Who may open a status page: anyone, any signed-in user, or signed-in users holding one of the page's roles.</summary>
public enum StatusAudience { Public, Internal, Restricted }

/// <summary>The public state of an incident as its status updates say it (Statuspage's incident statuses).</summary>
public enum PublicState { Investigating, Identified, Monitoring, Resolved }

/// <summary>
/// A status page an admin set up: its address (<c>/pages/{Key}</c>), its audience, and the catalog
/// services it shows under public names. What it shows of incidents comes only from status updates
/// published to it, never from the incidents themselves.
/// </summary>
public class StatusPage : IDoorRow
{
    DoorAddress IDoorRow.Address => new(Id, Key, null, Version);

    public int Id { get; set; }
    /// <summary>The address: lower-case letters, digits and dashes.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public StatusAudience Audience { get; set; }
    /// <summary>For <see cref="StatusAudience.Restricted"/>: the roles that may open it, comma-separated (<c>Responder,Admin</c>).</summary>
    public string Roles { get; set; } = "";
    /// <summary>For <see cref="StatusAudience.Restricted"/>: OIDC groups whose members may open it too, one per line (as the provider's groups claim names them).</summary>
    public string Groups { get; set; } = "";
    public string? LogoUrl { get; set; }
    /// <summary>A short text under the page's name.</summary>
    public string? Description { get; set; }
    /// <summary>Origins that may frame the widget (CSP frame-ancestors), one per line.</summary>
    public string EmbedOrigins { get; set; } = "";
    /// <summary>Once an incident is published here, its open impact windows colour the components too, not only its updates.</summary>
    public bool ImpactDrivesColour { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }

    public List<StatusPageComponent> Components { get; set; } = [];
}

/// <summary>A catalog service on a page, under the name the page's readers see (never the service's key or internal name).</summary>
public class StatusPageComponent
{
    public int Id { get; set; }
    public int StatusPageId { get; set; }
    public int ServiceId { get; set; }
    public Catalog.Service? Service { get; set; }
    public required string DisplayName { get; set; }
    public int Position { get; set; }

    /// <summary>The component's id on public pages, in their JSON and in sign-up forms ("c12").</summary>
    public static string PublicId(int id) => $"c{id}";

    public static int? FromPublicId(string id) =>
        id is ['c', .. var digits] && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>
/// A public status update about an incident: a separate stream from the internal timeline. A
/// responder drafts it; the incident's communications lead or an admin publishes it to pages; once
/// published it can only be corrected (the correction shows and is audited), not withdrawn.
/// </summary>
public class StatusUpdate : IDoorRow, IIncidentRow
{
    DoorAddress IDoorRow.Address => new(Id, Id.ToString(System.Globalization.CultureInfo.InvariantCulture), IncidentId, Version);
    IEnumerable<int> IIncidentRow.IncidentIds => [IncidentId];

    public int Id { get; set; }
    public int IncidentId { get; set; }
    /// <summary>The incident's public name on the pages; the newest published update's title is the one shown.</summary>
    public required string Title { get; set; }
    public PublicState State { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime? CorrectedAt { get; set; }
    public Guid Version { get; set; }

    public List<StatusUpdateComponent> Components { get; set; } = [];
    public List<StatusUpdatePage> Pages { get; set; } = [];
}

/// <summary>A service an update names as affected, at a level.</summary>
public class StatusUpdateComponent
{
    public int Id { get; set; }
    public int StatusUpdateId { get; set; }
    public int ServiceId { get; set; }
    public ImpactLevel Level { get; set; }
}

/// <summary>A page an update was published to.</summary>
public class StatusUpdatePage
{
    public int StatusUpdateId { get; set; }
    public int StatusPageId { get; set; }
    public StatusPage? StatusPage { get; set; }
}
