using Dashboard.Account;

namespace Dashboard.Api;

/// <summary>What the resource endpoints share: the caller's actor, answers with ETags, and the order of checks on a write.</summary>
public static class ApiRequests
{
    public static Actor Actor(this HttpContext http) => AppClaims.ActorOf(http.User);

    /// <summary>
    /// Before a write: may the key's role do this at all (403), then did it say which version it
    /// changes (428 / 412)? The door checks the role again, and the version, in its transaction.
    /// </summary>
    public static (Guid Version, IResult? Refusal) Precondition(HttpContext http, Permission permission)
    {
        if (!http.Actor().May(permission))
            return (default, ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"This API key's role ({http.Actor().Role}) may not do this; it needs {Roles.Minimum(permission)}."));
        var (version, problem) = ETags.Required(http.Request);
        return (version ?? default, problem);
    }

    public static IResult Forbidden(HttpContext http, Permission permission) =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"This API key's role ({http.Actor().Role}) may not do this; it needs {Roles.Minimum(permission)}.");

    /// <summary>200 (or 201 with Location) with the row's ETag.</summary>
    public static IResult WithETag<T>(HttpContext http, T body, Guid version, string? created = null)
    {
        http.Response.Headers.ETag = ETags.Of(version);
        return created is null ? TypedResults.Ok(body) : TypedResults.Created(created, body);
    }
}
