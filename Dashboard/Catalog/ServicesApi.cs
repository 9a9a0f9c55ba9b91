using Dashboard.Data.Catalog;
using Dashboard.Api;

namespace Dashboard.Catalog;

/// <summary>/api/v1/services: the service catalog and its dependencies (edits need an admin key, as on the Services page).</summary>
public static class ServicesApi
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("/", ListAsync).WithName("ListServices").WithSummary("The catalog, by group and name; search matches name, key, group and team.");
        services.MapGet("/{key}", GetAsync).WithName("GetService").WithSummary("One service with what it depends on and what depends on it.");
        services.MapPost("/", CreateAsync).WithName("CreateService");
        services.MapPut("/{key}", UpdateAsync).WithName("UpdateService").WithSummary("Replace a service's fields; needs If-Match.");
        services.MapDelete("/{key}", DeleteAsync).WithName("DeleteService").WithSummary("Delete a service no incident refers to; needs If-Match.");
        services.MapPost("/{key}/dependencies", AddDependencyAsync).WithName("AddDependency").WithSummary("The service depends on dependsOn (a key); cycles are refused.");
        services.MapDelete("/{key}/dependencies/{dependsOn}", RemoveDependencyAsync).WithName("RemoveDependency")
            .WithSummary("Remove a dependency edge (edges have no version: no If-Match).");
        return api;
    }

    /// <summary>One page of the catalog, sorted by group and name: <c>{ items, total }</c>.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, ServiceCatalogQueries queries, string? search, bool? includeArchived, int? page, int? pageSize,
        CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(http.Actor(), search, includeArchived ?? false, Math.Max(0, page ?? 0), Math.Clamp(pageSize ?? 100, 1, 500), ct));

    private static async Task<IResult> GetAsync(string key, HttpContext http, ServiceCatalogQueries queries, CancellationToken ct) =>
        await queries.GetAsync(key, ct) is { } s ? ApiRequests.WithETag(http, s, s.Version) : ApiProblems.NotFound("service");

    private static async Task<IResult> CreateAsync(ServiceInput input, HttpContext http, ServiceCatalogCommands commands, ServiceCatalogQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        var result = await commands.CreateAsync(http.Actor(), input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var s = (await queries.GetAsync(result.Key!, ct))!;
        return ApiRequests.WithETag(http, s, s.Version, $"{ApiSetup.Prefix}/services/{s.Key}");
    }

    private static async Task<IResult> UpdateAsync(string key, ServiceInput input, HttpContext http, ServiceCatalogCommands commands, ServiceCatalogQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(key, ct) is not { } current) return ApiProblems.NotFound("service");
        var result = await commands.UpdateAsync(http.Actor(), current.Id, version, input, ct);
        if (!result.Succeeded) return ApiProblems.Of(result);
        var s = (await queries.GetAsync(result.Key ?? key, ct))!;
        return ApiRequests.WithETag(http, s, s.Version);
    }

    private static async Task<IResult> DeleteAsync(string key, HttpContext http, ServiceCatalogCommands commands, ServiceCatalogQueries queries, CancellationToken ct)
    {
        var (version, refusal) = ApiRequests.Precondition(http, Permission.Administer);
        if (refusal is not null) return refusal;
        if (await queries.GetAsync(key, ct) is not { } current) return ApiProblems.NotFound("service");
        // The catalog's delete takes no version: the precondition is checked here, just before it.
        if (current.Version != version) return ApiProblems.Of(CommandResult.Conflict("service", current.Version));
        var result = await commands.DeleteAsync(http.Actor(), current.Id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }

    private static async Task<IResult> AddDependencyAsync(string key, ApiDependency body, HttpContext http, ServiceCatalogCommands commands, ServiceCatalogQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        if (await queries.GetAsync(key, ct) is not { } service) return ApiProblems.NotFound("service");
        if (await queries.GetAsync(body.DependsOn ?? "", ct) is not { } target)
            return ApiProblems.Validation(new Dictionary<string, string> { ["dependsOn"] = $"dependsOn: no service has the key '{body.DependsOn}'." }, "The dependency was not added.");
        var result = await commands.AddDependencyAsync(http.Actor(), service.Id, target.Id, ct);
        return result.Succeeded ? TypedResults.Created($"{ApiSetup.Prefix}/services/{key}", (await queries.GetAsync(key, ct))!) : ApiProblems.Of(result);
    }

    private static async Task<IResult> RemoveDependencyAsync(string key, string dependsOn, HttpContext http, ServiceCatalogCommands commands, ServiceCatalogQueries queries, CancellationToken ct)
    {
        if (!http.Actor().May(Permission.Administer)) return ApiRequests.Forbidden(http, Permission.Administer);
        if (await queries.GetAsync(key, ct) is not { } service || await queries.GetAsync(dependsOn, ct) is not { } target) return ApiProblems.NotFound("service");
        var result = await commands.RemoveDependencyAsync(http.Actor(), service.Id, target.Id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Of(result);
    }
}

public sealed record ApiDependency(string? DependsOn);
