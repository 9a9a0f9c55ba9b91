using Dashboard.Data.Incidents;
using Dashboard.Data.Learning;
using Dashboard.Api;

namespace Dashboard.Learning;

/// <summary>
/// /api/v1/incidents/{slug}/links: the incident's links to other incidents (repeats, caused by,
/// related to), as the incident page's Related panel shows them. A link to an incident the key may
/// not see is not listed, and cannot be made: it is answered as if that incident did not exist.
/// </summary>
public static class LinksApi
{
    public static RouteGroupBuilder MapLinksApi(this RouteGroupBuilder api)
    {
        var links = api.MapGroup("/incidents/{slug}/links").WithTags("Incident links");
        links.MapGet("/", ListAsync).WithName("ListIncidentLinks")
            .WithSummary("Links in both directions (backward: the other incident links to this one), only to incidents this key may see.");
        links.MapPost("/", AddAsync).WithName("AddIncidentLink").WithSummary("Link this incident to another: kind (Repeats, CausedBy, RelatedTo) and to (its slug).");
        links.MapDelete("/{id:int}", RemoveAsync).WithName("RemoveIncidentLink").WithSummary("Remove a link of this incident (links have no version: no If-Match).");
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, HttpContext http, IncidentQueries incidents, LearningQueries learning, CancellationToken ct)
    {
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var related = await learning.RelatedAsync(http.Actor(), incident.Id, ct);
        return TypedResults.Ok(related.Links.Select(ApiLink.From).ToList());
    }

    private static async Task<IResult> AddAsync(string slug, ApiLinkInput input, HttpContext http, IncidentQueries incidents, LearningQueries learning,
        IncidentLinkCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        var errors = new Dictionary<string, string>();
        if (input.Kind is null) errors["Kind"] = "Choose what kind of link it is: Repeats, CausedBy or RelatedTo.";
        if (string.IsNullOrWhiteSpace(input.To)) errors["To"] = "Choose the incident to link to (its slug).";
        // An incident this key may not see is answered as a missing one, so the answer does not tell that it exists.
        else if (await incidents.GetAsync(http.Actor(), input.To.Trim(), ct) is null) errors["To"] = $"There is no incident '{input.To.Trim()}'.";
        if (errors.Count > 0) return ApiProblems.Validation(errors, "The incident link was not saved.");
        var result = await commands.AddAsync(http.Actor(), incident.Id, input.Kind!.Value, input.To!.Trim(), ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var made = (await learning.RelatedAsync(http.Actor(), incident.Id, ct)).Links
            .First(l => !l.Backward && l.Kind == input.Kind && l.Slug == input.To.Trim());
        return TypedResults.Created($"{ApiSetup.Prefix}/incidents/{slug}/links", ApiLink.From(made));
    }

    private static async Task<IResult> RemoveAsync(string slug, int id, HttpContext http, IncidentQueries incidents, LearningQueries learning,
        IncidentLinkCommands commands, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        if (await incidents.GetAsync(http.Actor(), slug, ct) is not { } incident) return ApiProblems.NotFound("incident");
        // Only a link this incident shows to the key: the command itself takes any link's id.
        if ((await learning.RelatedAsync(http.Actor(), incident.Id, ct)).Links.All(l => l.LinkId != id)) return ApiProblems.NotFound("incident link");
        var result = await commands.RemoveAsync(http.Actor(), id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }
}

/// <summary>kind: Repeats, CausedBy or RelatedTo; to: the other incident's slug.</summary>
public sealed record ApiLinkInput(IncidentLinkKind? Kind, string? To);

/// <summary>One link as seen from this incident: backward when the other incident is the one that links here.</summary>
public sealed record ApiLink(int Id, IncidentLinkKind Kind, bool Backward, string Slug, string Title, DateTime? StartedAt)
{
    public static ApiLink From(LinkItem l) => new(l.LinkId, l.Kind, l.Backward, l.Slug, l.Title, l.StartedAt);
}
