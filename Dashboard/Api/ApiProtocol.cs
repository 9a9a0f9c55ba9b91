using System.Security.Cryptography;
using Dashboard.Data.ApiKeys;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Dashboard.Account;

namespace Dashboard.Api;

/// <summary>
/// What every request under /api gets, in one middleware after authorization: no HTML error pages
/// (an empty error answer becomes problem details, also for an address under /api that is not
/// the v1 API), the endpoint's body limit checked up front, and POSTs with an
/// <c>Idempotency-Key</c> answered once and replayed after.
/// </summary>
public static class ApiProtocol
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    /// <summary>Unless an endpoint says otherwise: room for an incident with long texts and 100 sources.</summary>
    public const long DefaultBodyBytes = 1024 * 1024;

    /// <summary>Programs call under /api: none of it answers with the pages people get.</summary>
    public const string ProgramsPrefix = "/api";

    public static IApplicationBuilder UseIncidentBoardApi(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ProgramsPrefix), api => api.Use(InvokeAsync));

    private static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        // The app's "not found" page is for people; programs get problem details.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit)
        {
            await ApiProblems.Write(http, StatusCodes.Status413PayloadTooLarge, $"The body may be at most {limit:N0} bytes here.");
            return;
        }
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.ContainsKey(IdempotencyHeader)
            && AppClaims.KeyIdOf(http.User) is { } keyId)
        {
            await IdempotentAsync(http, next, keyId);
            return;
        }
        await NextAsync(http, next);
        if (http.Response.StatusCode >= 400 && !http.Response.HasStarted) await EmptyErrorAsync(http);
    }

    /// <summary>A parameter that does not bind (<c>severity=Sev9</c>, malformed JSON) is the caller's mistake: 400, whatever the environment.</summary>
    private static async Task NextAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await ApiProblems.Write(http, ex.StatusCode, ex.Message);
        }
    }

    private static Task EmptyErrorAsync(HttpContext http) => http.Response.StatusCode switch
    {
        404 => ApiProblems.Write(http, 404, "No such resource in this API."),
        405 => ApiProblems.Write(http, 405, $"{http.Request.Method} is not allowed here."),
        413 => ApiProblems.Write(http, 413, "The body is too large for this endpoint."),
        415 => ApiProblems.Write(http, 415, "Send the body as application/json."),
        var status => ApiProblems.Write(http, status, "The request could not be handled."),
    };

    private static async Task IdempotentAsync(HttpContext http, RequestDelegate next, int keyId)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length is 0 or > IdempotencyLimits.KeyLength)
        {
            await ApiProblems.Validation(new Dictionary<string, string> { [IdempotencyHeader] = $"Idempotency-Key: 1 to {IdempotencyLimits.KeyLength} characters." },
                "The Idempotency-Key header is not usable.").ExecuteAsync(http);
            return;
        }
        http.Request.EnableBuffering();
        var hash = await RequestHashAsync(http);
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        if (await store.FindAsync(keyId, key, http.RequestAborted) is { } first)
        {
            if (first.RequestHash != hash)
            {
                await ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Content",
                    "This Idempotency-Key was used in the last 24 hours for a different request; use a new key for a new request.").ExecuteAsync(http);
                return;
            }
            await ReplayAsync(http, first);
            return;
        }

        var real = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await NextAsync(http, next);
            if (http.Response.StatusCode >= 400 && buffer.Length == 0) await EmptyErrorAsync(http);
        }
        finally
        {
            http.Response.Body = real;
        }
        var status = http.Response.StatusCode;
        // Server faults and throttling are worth retrying with the same key; everything else is the answer.
        if (status < 500 && status != StatusCodes.Status429TooManyRequests)
            await store.SaveAsync(new IdempotencyRecord
            {
                ApiKeyId = keyId, Key = key, RequestHash = hash, StatusCode = status, ContentType = http.Response.ContentType,
                Location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null, Body = buffer.ToArray(),
            }, http.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(real, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord first)
    {
        http.Response.StatusCode = first.StatusCode;
        if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
        if (first.Location is not null) http.Response.Headers.Location = first.Location;
        if (first.ETag is not null) http.Response.Headers.ETag = first.ETag;
        http.Response.Headers[ReplayedHeader] = "true";
        await http.Response.Body.WriteAsync(first.Body, http.RequestAborted);
    }

    /// <summary>Path, query and body: a retry sends the same three, a reuse of the key for something else does not.</summary>
    private static async Task<string> RequestHashAsync(HttpContext http)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        http.Request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
