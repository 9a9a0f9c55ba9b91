using System.Text.Json.Nodes;
using Dashboard.Data.Incidents;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Dashboard.Incidents;

namespace Dashboard.Api;

/// <summary>Examples in the OpenAPI document's schemas, so the reference shows a request that works as written.</summary>
public static class ApiExamples
{
    private static readonly Dictionary<Type, Func<JsonNode>> Examples = new()
    {
        [typeof(IncidentInput)] = () => new JsonObject
        {
            ["title"] = "Checkout errors after deploy", ["organisation"] = "Shop", ["severity"] = "Sev2", ["status"] = "Investigating",
            ["started"] = "2026-03-01T10:15:00Z", ["detected"] = "2026-03-01T10:18:00Z", ["summary"] = "Checkout returned 500 for 12% of requests.",
            ["tags"] = "checkout, deploy", ["sources"] = new JsonArray(new JsonObject { ["title"] = "Status page", ["url"] = "https://status.example.com/i/42" }),
        },
        [typeof(ApiIncidentPage)] = () => new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["slug"] = "2026-03-01-checkout-errors-after-deploy", ["title"] = "Checkout errors after deploy", ["organisation"] = "Shop",
                ["severity"] = "Sev2", ["status"] = "Resolved", ["startedAt"] = "2026-03-01T10:15:00Z", ["durationMinutes"] = 42,
                ["affectedServices"] = 2, ["postmortemStatus"] = "Draft",
            }),
            ["nextCursor"] = "NjM4NzY1NDMyMTAwMDAwMDAwLjQy",
        },
        [typeof(ApiCaller)] = () => new JsonObject { ["name"] = "API key deploy bot (owner ana@example.com)", ["role"] = "Responder", ["owner"] = "ana@example.com" },
    };

    public static Task AddAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example)) schema.Examples = [example()];
        return Task.CompletedTask;
    }
}
