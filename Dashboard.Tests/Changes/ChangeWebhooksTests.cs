using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Changes;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Changes;

/// <summary>The app with both change receivers configured: a secret, a token and their service mappings.</summary>
public sealed class ChangeWebhookAppFactory : AppFactory
{
    public const string GitHubSecret = "It's a Secret to Everybody";
    public const string ArgoToken = "argo-shared-token-0123456789";

    public ChangeWebhookAppFactory() => Settings = new()
    {
        ["Changes:GitHub:Secret"] = GitHubSecret,
        ["Changes:GitHub:Repositories:cloudflare/workers-kv:0"] = "cf-workers-kv",
        ["Changes:ArgoCd:Token"] = ArgoToken,
        ["Changes:ArgoCd:Applications:clickhouse-grants:0"] = "cf-clickhouse",
    };
}

/// <summary>GitHub's deployment_status and Argo CD's notification, in their documented shapes, correctly and wrongly signed.</summary>
public sealed class ChangeWebhooksTests(ChangeWebhookAppFactory app) : IClassFixture<ChangeWebhookAppFactory>
{
    private static string DeploymentStatus(long deploymentId, string state = "success") => $$"""
        {
          "action": "created",
          "deployment_status": { "id": {{deploymentId + 1000}}, "state": "{{state}}", "environment": "production",
            "target_url": "https://github.com/cloudflare/workers-kv/actions/runs/1", "created_at": "2025-11-18T10:12:00Z" },
          "deployment": { "id": {{deploymentId}}, "sha": "7638417db6d59f3c431d3e1f261cc637155684cd", "ref": "main", "task": "deploy",
            "environment": "production", "creator": { "login": "octocat" }, "created_at": "2025-11-18T10:05:00Z" },
          "repository": { "full_name": "cloudflare/workers-kv", "html_url": "https://github.com/cloudflare/workers-kv" },
          "sender": { "login": "octocat" }
        }
        """;

    private static HttpRequestMessage GitHub(string body, string? secret, string @event = "deployment_status")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/changes/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        if (secret is not null)
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        return request;
    }

    private async Task<int> CountAsync(string externalId)
    {
        var reader = await app.ApiClientAsync(Role.Viewer);
        return (await (await reader.GetAsync($"/api/v1/changes?externalId={Uri.EscapeDataString(externalId)}")).JsonAsync()).GetArrayLength();
    }

    [Fact]
    public void The_signature_check_matches_GitHubs_documented_example()
    {
        // From GitHub's "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
        Assert.True(ChangeWebhooks.GitHubSignatureMatches("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!"),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        Assert.False(ChangeWebhooks.GitHubSignatureMatches("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World?"),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
    }

    [Fact]
    public async Task A_signed_deployment_status_records_one_deploy_and_a_redelivery_stores_nothing_more()
    {
        var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1, 1_000_000_000);
        var body = DeploymentStatus(id);

        var first = await client.SendAsync(GitHub(body, ChangeWebhookAppFactory.GitHubSecret));
        var again = await client.SendAsync(GitHub(body, ChangeWebhookAppFactory.GitHubSecret));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.JsonAsync()).GetProperty("alreadyStored").GetBoolean());
        var externalId = $"github:cloudflare/workers-kv:deployment:{id}";
        var reader = await app.ApiClientAsync(Role.Viewer);
        var stored = (await (await reader.GetAsync($"/api/v1/changes?externalId={Uri.EscapeDataString(externalId)}")).JsonAsync())[0];
        Assert.Equal("deploy", stored.GetProperty("kind").GetString());
        Assert.Equal("octocat", stored.GetProperty("author").GetString());
        Assert.Equal("cf-workers-kv", stored.GetProperty("services")[0].GetString());
        Assert.Equal("https://github.com/cloudflare/workers-kv/commit/7638417db6d59f3c431d3e1f261cc637155684cd", stored.GetProperty("link").GetString());
        Assert.Equal("webhook", stored.GetProperty("origin").GetString());
    }

    [Fact]
    public async Task A_wrongly_signed_or_unsigned_delivery_is_401_and_nothing_is_stored()
    {
        var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1, 1_000_000_000);

        await (await client.SendAsync(GitHub(DeploymentStatus(id), "not the secret"))).ProblemAsync(401);
        await (await client.SendAsync(GitHub(DeploymentStatus(id), null))).ProblemAsync(401);
        var tampered = GitHub(DeploymentStatus(id), ChangeWebhookAppFactory.GitHubSecret);
        tampered.Content = new StringContent(DeploymentStatus(id, "failure"), Encoding.UTF8, "application/json");
        await (await client.SendAsync(tampered)).ProblemAsync(401);

        Assert.Equal(0, await CountAsync($"github:cloudflare/workers-kv:deployment:{id}"));
    }

    [Fact]
    public async Task An_unfinished_deployment_or_an_unmapped_repository_is_accepted_and_not_stored()
    {
        var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1, 1_000_000_000);

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(GitHub(DeploymentStatus(id, "in_progress"), ChangeWebhookAppFactory.GitHubSecret))).StatusCode);
        var other = DeploymentStatus(id).Replace("cloudflare/workers-kv\"", "someone/else\"");
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(GitHub(other, ChangeWebhookAppFactory.GitHubSecret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(GitHub("{\"zen\":\"Keep it logically awesome.\"}", ChangeWebhookAppFactory.GitHubSecret, "ping"))).StatusCode);

        Assert.Equal(0, await CountAsync($"github:cloudflare/workers-kv:deployment:{id}"));
    }

    private static HttpRequestMessage Argo(string token, string startedAt) => new(HttpMethod.Post, "/api/v1/changes/argocd")
    {
        Headers = { { "X-IncidentBoard-Token", token } },
        Content = new StringContent($$"""
            { "app": "clickhouse-grants", "revision": "0d1f2e3c4b5a69788796a5b4c3d2e1f001234567", "phase": "Succeeded",
              "startedAt": "{{startedAt}}", "finishedAt": "2025-11-18T12:06:00Z", "author": "argo-bot", "environment": "prod",
              "url": "https://argocd.example.com/applications/clickhouse-grants" }
            """, Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task An_Argo_CD_sync_with_the_token_is_recorded_once_and_a_wrong_token_is_401()
    {
        var client = app.CreateClient();
        var startedAt = $"2025-11-18T11:{Random.Shared.Next(0, 60):00}:{Random.Shared.Next(0, 60):00}Z";
        var externalId = $"argocd:clickhouse-grants:0d1f2e3c4b5a69788796a5b4c3d2e1f001234567:{startedAt}";

        await (await client.SendAsync(Argo("wrong-token", startedAt))).ProblemAsync(401);
        Assert.Equal(0, await CountAsync(externalId));
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Argo(ChangeWebhookAppFactory.ArgoToken, startedAt))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Argo(ChangeWebhookAppFactory.ArgoToken, startedAt))).StatusCode);
        Assert.Equal(1, await CountAsync(externalId));
    }
}
