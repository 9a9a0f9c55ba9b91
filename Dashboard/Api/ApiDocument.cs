using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api;

/// <summary>
/// The OpenAPI 3.1 document at /openapi/v1.json: only /api/v1 (not the pages or the exports), the
/// bearer key scheme on every operation, and the headers of the protocol (ETag, If-Match,
/// Idempotency-Key) where they apply.
/// </summary>
public static class ApiDocument
{
    public const string SecurityScheme = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "IncidentBoard API",
                Version = "v1",
                Description = """
                    Incidents, timelines, impacts, actions, the catalog and postmortems, through the same rules as the app.
                    Authenticate with `Authorization: Bearer ib_…` (make a key on your profile page). Errors are RFC 9457
                    problem details. Responses carry an `ETag`; send it back in `If-Match` on PUT, PATCH and DELETE (412 when
                    stale, 428 when missing). POSTs accept `Idempotency-Key` (kept 24 hours). Lists page with `cursor`.
                    """,
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "ib_<prefix>_<secret>",
                Description = "An API key from your profile page or `api-keys create`.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var method = context.Description.HttpMethod ?? "";
            operation.Parameters ??= [];
            if (method is "PUT" or "PATCH" or "DELETE")
                operation.Parameters.Add(Header("If-Match", "The ETag of the version you change (from a GET). Missing: 428; stale: 412.", required: true, example: "\"3f2c9a0e5b7d4e1f9a8b7c6d5e4f3a2b\""));
            if (method == "POST")
                operation.Parameters.Add(Header("Idempotency-Key", "Any unique text (≤ 100 characters). A retry with the same key and body gets the first response; with a different body, 422.", required: false, example: "deploy-4711"));
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer(ApiExamples.AddAsync);
    }

    private static OpenApiParameter Header(string name, string description, bool required, string example) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = required, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = System.Text.Json.Nodes.JsonValue.Create(example),
    };
}
