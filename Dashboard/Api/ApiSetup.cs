using Dashboard.Account;
using Dashboard.Data.Door;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Api;

/// <summary>The HTTP API's registrations and its /api/v1 routes, so Program.cs gains two lines.</summary>
public static class ApiSetup
{
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
        return builder;
    }

    public static IEndpointRouteBuilder MapIncidentBoardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(KeyPolicy);
        api.MapGet("/me", (HttpContext http) =>
        {
            var actor = AppClaims.ActorOf(http.User);
            return TypedResults.Ok(new ApiCaller(actor.Name, actor.Role.ToString(), http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? ""));
        }).WithName("GetCaller").WithSummary("Who the key acts as: its audit name, its role now, and its owner.");
        return app;
    }
}

public sealed record ApiCaller(string Name, string Role, string Owner);
