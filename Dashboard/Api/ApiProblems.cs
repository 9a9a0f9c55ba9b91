using Microsoft.AspNetCore.WebUtilities;
using Dashboard.Account;

namespace Dashboard.Api;

/// <summary>
/// Every HTTP error the app answers to a program as RFC 9457 <c>application/problem+json</c>, built
/// here and nowhere else: /api (the v1 API, the Alertmanager receiver, an unknown address under
/// /api), the exports (a bad filter, a missing incident, the rate limit) and the rate limits' 429s.
/// The door's one result type is mapped once: invalid → 400 with field errors, forbidden → 403, not
/// found → 404, conflict → 412 (the row changed since the caller's <c>If-Match</c>; its current ETag is sent along).
/// </summary>
public static class ApiProblems
{
    public static IResult Of(CommandResult result) => result.Outcome switch
    {
        Outcome.Invalid => Validation(result.Errors, $"The {result.Subject} was not saved."),
        Outcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", $"This API key's role may not change this {result.Subject}."),
        Outcome.NotFound => NotFound(result.Subject),
        Outcome.Conflict => new StaleResult(result),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Not an error."),
    };

    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeOf(status), extensions: extensions);

    /// <summary>A problem titled by its status's reason phrase ("Bad Request", "Payload Too Large").</summary>
    public static IResult Status(int status, string detail) =>
        Problem(status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error", detail);

    /// <summary>429 with <c>Retry-After</c> in whole seconds (at least 1), so a client knows when to come back.</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter, string detail) => new RetryLaterResult(retryAfter, detail);

    public static IResult NotFound(string subject) => Problem(StatusCodes.Status404NotFound, "Not Found", $"No such {subject}, or it is not visible to this key.");

    /// <summary>400 with <c>errors</c>: field name → messages, as ASP.NET Core's validation problems carry them.</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string> errors, string detail) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), detail, title: "Invalid request", type: TypeOf(400));

    public static Task Write(HttpContext http, int status, string detail) => Status(status, detail).ExecuteAsync(http);

    /// <summary>The RFC 9110 section of each status, as ASP.NET Core's defaults link them.</summary>
    public static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "about:blank",
    };

    private sealed class RetryLaterResult(TimeSpan after, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Status(StatusCodes.Status429TooManyRequests, detail).ExecuteAsync(http);
        }
    }

    /// <summary>412 with the row's current ETag, so the client can fetch it and try again.</summary>
    private sealed class StaleResult(CommandResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (result.Version is { } v) http.Response.Headers.ETag = ETags.Of(v);
            return Problem(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
                $"The {result.Subject} changed since the version in If-Match; fetch it again and reapply the change.").ExecuteAsync(http);
        }
    }
}
