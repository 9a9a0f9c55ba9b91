using System.Text.Json.Nodes;
using Dashboard.Data.Factors;
using Dashboard.Data.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;
using Dashboard.Api;
using Dashboard.Data.Graph;

namespace Dashboard.Incidents;

/// <summary>/api/v1/incidents: the incidents list (the page's filters, cursor paging) and one incident's header fields.</summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        ApiExamples.Add<IncidentInput>(() => new JsonObject
        {
            ["title"] = "Checkout errors after deploy", ["organisation"] = "Shop", ["severity"] = "Sev2", ["status"] = "Investigating",
            ["started"] = "2026-03-01T10:15:00Z", ["detected"] = "2026-03-01T10:18:00Z", ["summary"] = "Checkout returned 500 for 12% of requests.",
            ["tags"] = "checkout, deploy", ["sources"] = new JsonArray(new JsonObject { ["title"] = "Status page", ["url"] = "https://status.example.com/i/42" }),
        });
        ApiExamples.Add<ApiIncidentPage>(() => new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["slug"] = "2026-03-01-checkout-errors-after-deploy", ["title"] = "Checkout errors after deploy", ["organisation"] = "Shop",
                ["severity"] = "Sev2", ["status"] = "Resolved", ["startedAt"] = "2026-03-01T10:15:00Z", ["durationMinutes"] = 42,
                ["affectedServices"] = 2, ["postmortemStatus"] = "Draft",
            }),
            ["nextCursor"] = "NjM4NzY1NDMyMTAwMDAwMDAwLjQy",
        });
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListAsync).WithName("ListIncidents")
            .WithSummary("Incidents, newest start first, filtered as on the incidents page (nearMiss=true for near misses only, false for incidents only); follow nextCursor for the next page.");
        incidents.MapGet("/{slug}", GetAsync).WithName("GetIncident").WithSummary("One incident; its ETag is the version to send in If-Match.");
        incidents.MapPost("/", CreateAsync).WithName("CreateIncident")
            .WithSummary("Declare an incident. Times are UTC, e.g. 2026-03-01T10:15:00Z. Send Idempotency-Key to retry safely.");
        incidents.MapPut("/{slug}", UpdateAsync).WithName("UpdateIncident").WithSummary("Replace the header fields; needs If-Match.");
        incidents.MapDelete("/{slug}", DeleteAsync).WithName("DeleteIncident").WithSummary("Delete the incident with everything it holds (admins); needs If-Match.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IncidentFeed feed, string? search, Severity[]? severity, IncidentStatus[]? status,
        bool? nearMiss, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (cursor is not null && !IncidentFeed.IsCursor(cursor)) errors["cursor"] = "cursor: not a cursor from this API (use nextCursor of the previous page).";
        if (limit is < 1 or > IncidentFeed.MaxLimit) errors["limit"] = $"limit: 1 to {IncidentFeed.MaxLimit}.";
        if (errors.Count > 0) return ApiProblems.Validation(errors, "The list's parameters are not usable.");
        var page = await feed.PageAsync(http.Actor(), new IncidentListQuery(search, severity, status, NearMiss: nearMiss), cursor, limit ?? 50, ct);
        return TypedResults.Ok(new ApiIncidentPage([.. page.Items.Select(ApiIncidentSummary.From)], page.NextCursor));
    }

    private static async Task<IResult> GetAsync(string slug, HttpContext http, IncidentQueries queries, FactorQueries factors, CancellationToken ct) =>
        await queries.GetAsync(http.Actor(), slug, ct) is { } incident
            ? ApiRequests.WithETag(http, ApiIncident.From(incident, await factors.ListAsync(http.Actor(), incident.Id, ct)), incident.Version)
            : ApiProblems.NotFound("incident");

    private static async Task<IResult> CreateAsync(IncidentInput input, HttpContext http, IncidentCommands commands, IncidentQueries queries, FactorQueries factors, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Respond)) return ApiRequests.Forbidden(http, Permission.Respond);
        var result = await commands.CreateAsync(http.Actor(), input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, factors, result.Key!, created: true, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> UpdateAsync(string slug, IncidentInput input, HttpContext http, IncidentCommands commands, IncidentQueries queries, FactorQueries factors, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Respond);
        if (refusal is not null) return refusal;
        if (await queries.GetForEditAsync(http.Actor(), slug, ct) is not { } current) return ApiProblems.NotFound("incident");
        var result = await commands.UpdateAsync(http.Actor(), current.Id, version, input, ct);
        return result.Succeeded ? await ReadBackAsync(http, queries, factors, result.Key!, created: false, ct) : ApiProblems.Of(result);
    }

    private static async Task<IResult> DeleteAsync(string slug, HttpContext http, IncidentCommands commands, IncidentQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        if (await queries.GetForEditAsync(http.Actor(), slug, ct) is not { } current) return ApiProblems.NotFound("incident");
        var result = await commands.DeleteAsync(http.Actor(), current.Id, version, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> ReadBackAsync(HttpContext http, IncidentQueries queries, FactorQueries factors, string slug, bool created, CancellationToken ct)
    {
        var incident = (await queries.GetAsync(http.Actor(), slug, ct))!;
        return ApiRequests.WithETag(http, ApiIncident.From(incident, await factors.ListAsync(http.Actor(), incident.Id, ct)), incident.Version, created ? $"{ApiSetup.Prefix}/incidents/{slug}" : null);
    }
}

/// <summary>One page of incidents; <c>nextCursor</c> is null on the last page.</summary>
public sealed record ApiIncidentPage(IReadOnlyList<ApiIncidentSummary> Items, string? NextCursor);

public sealed record ApiIncidentSummary(string Slug, string Title, string Organisation, Severity Severity, IncidentStatus Status,
    DateTime? StartedAt, double? DurationMinutes, int AffectedServices, PostmortemStatus PostmortemStatus, bool IsNearMiss)
{
    public static ApiIncidentSummary From(IncidentListItem i) =>
        new(i.Slug, i.Title, i.Organisation, i.Severity, i.Status, i.StartedAt, i.DurationMinutes, i.AffectedServices, i.PostmortemStatus, i.IsNearMiss);
}

public sealed record ApiPhaseTimes(DateTime? Triggered, DateTime? Started, DateTime? Detected, DateTime? Acknowledged, DateTime? Mitigated, DateTime? Resolved);

public sealed record ApiSource(string Title, string? Url);

/// <summary>
/// A contributing factor: its evidence as the ids of timeline events (GET …/timeline) and the ids of
/// the actions that address it (GET …/actions).
/// </summary>
public sealed record ApiFactor(int Id, string Statement, string Category, IReadOnlyList<int> EvidenceEventIds, IReadOnlyList<int> ActionIds)
{
    public static ApiFactor From(FactorView f) => new(f.Id, f.Statement, f.Category, [.. f.Evidence.Select(e => e.EventId)], [.. f.Actions.Select(a => a.ActionId)]);
}

/// <summary>
/// An incident's header fields as the API returns them (times in UTC, ISO 8601), with its contributing
/// factors. <c>rootCause</c> stays for records written before factors. <c>whatSurprisedUs</c> is the postmortem's
/// field of that name; <c>isNearMiss</c> marks an incident recorded without customer impact.
/// </summary>
public sealed record ApiIncident(string Slug, string Title, string Organisation, Severity Severity, IncidentStatus Status, string? Commander,
    IReadOnlyList<string> Tags, ApiPhaseTimes Phases, string Summary, string? Trigger, string? RootCause, string? CustomerImpact,
    PostmortemStatus PostmortemStatus, bool IsPrivate, IReadOnlyList<ApiSource> Sources, int EventCount, int ActionCount, string Version,
    IReadOnlyList<ApiFactor> Factors, string? WhatSurprisedUs, bool IsNearMiss)
{
    public static ApiIncident From(IncidentDetail i, IReadOnlyList<FactorView> factors) => new(i.Slug, i.Title, i.Organisation, i.Severity, i.Status, i.CommanderName, i.Tags,
        new ApiPhaseTimes(i.Phases.Triggered, i.Phases.Started, i.Phases.Detected, i.Phases.Acknowledged, i.Phases.Mitigated, i.Phases.Resolved),
        i.Summary, i.Trigger, i.RootCause, i.CustomerImpact, i.PostmortemStatus, i.IsPrivate, [.. i.Sources.Select(s => new ApiSource(s.Title, s.Url))],
        i.EventCount, i.ActionCount, i.Version.ToString("N"), [.. factors.Select(ApiFactor.From)],
        i.WhatSurprisedUs, i.IsNearMiss);
}
