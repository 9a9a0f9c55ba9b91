using System.Text.Json.Serialization;
using Dashboard.Account;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;
using Dashboard.Host.Http;

namespace Dashboard.Api;

/// <summary>The HTTP API's protocol: key authentication, JSON, the document, and the /api/v1 group the features map onto.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    /// <summary>Any valid API key (writes are checked again by role at the door).</summary>
    public const string KeyPolicy = "api-key";
    /// <summary>An API key acting as an admin or owner (the audit trail).</summary>
    public const string AdminKeyPolicy = "api-key-admin";

    public static WebApplicationBuilder AddIncidentBoardApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(KeyPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(AdminKeyPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(AppClaims.RoleClaim, nameof(Role.Admin), nameof(Role.Owner)));
        // Enums as their names ("Sev1", "Resolved"), as the seed files and the Markdown export write them.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi(ApiDocument.Configure);
        return builder;
    }

    /// <summary>
    /// The /api/v1 group (API keys, rate limit, problem answers), with /me and the public OpenAPI
    /// document and its reader. Each feature maps its own endpoints on the group it returns.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(KeyPolicy).RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/me", (HttpContext http) =>
        {
            var actor = http.Actor();
            return TypedResults.Ok(new ApiCaller(actor.Name, actor.Role.ToString(), http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "", actor.UserId));
        }).WithName("GetCaller").WithTags("Keys").WithSummary("Who the key acts as: its audit name, its role now, its owner and the owner's user id.");
        // The document and its reader are public: they describe the API, they hold no data.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs", (options, http) => options
            .WithTitle("IncidentBoard API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce(SecurityHeaders.Nonce(http)) // the page's inline script passes the CSP by nonce, like the app's own
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()
            .AddPreferredSecuritySchemes(ApiDocument.SecurityScheme)).AllowAnonymous();
        return api;
    }
}

/// <param name="UserId">The owner's user id, as actions' owners and incidents' roles name people.</param>
public sealed record ApiCaller(string Name, string Role, string Owner, string? UserId);
