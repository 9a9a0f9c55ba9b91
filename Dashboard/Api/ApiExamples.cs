using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api;

/// <summary>Examples in the OpenAPI document's schemas, so the reference shows a request that works as written.</summary>
public static class ApiExamples
{
    /// <summary>Each feature adds the examples of its own types when it maps its endpoints; the document is built later.</summary>
    private static readonly ConcurrentDictionary<Type, Func<JsonNode>> Examples = new()
    {
        [typeof(ApiCaller)] = () => new JsonObject { ["name"] = "API key deploy bot (owner ana@example.com)", ["role"] = "Responder", ["owner"] = "ana@example.com", ["userId"] = "0f8fad5b-d9cb-469f-a165-70867728950e" },
    };

    public static void Add<T>(Func<JsonNode> example) => Examples[typeof(T)] = example;

    public static Task AddAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example)) schema.Examples = [example()];
        return Task.CompletedTask;
    }
}
