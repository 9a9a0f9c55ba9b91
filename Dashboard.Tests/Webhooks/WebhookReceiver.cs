using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Dashboard.Tests.Webhooks;

/// <summary>One request as the receiver saw it, with whether its signature verified.</summary>
public sealed record ReceivedHook(string Id, string Timestamp, string Signature, string Body, bool Verified, string? VerifyError);

/// <summary>
/// A customer's endpoint: a real Kestrel server on a loopback port that verifies each request's
/// signature with the StandardWebhooks library and answers with <see cref="Answer"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedHook> Received { get; } = new();

    /// <summary>Set once the endpoint is registered: the receiver verifies with it.</summary>
    public string? Secret { get; set; }

    /// <summary>What to answer; may wait (a receiver that hangs).</summary>
    public Func<ReceivedHook, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(204);

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync(ct);
            string? error = null;
            try
            {
                new StandardWebhook(receiver.Secret ?? throw new InvalidOperationException("no secret yet")).Verify(body, request.Headers);
            }
            catch (Exception ex)
            {
                error = ex.Message;
            }
            var hook = new ReceivedHook(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body, error is null, error);
            receiver.Received.Enqueue(hook);
            return Results.StatusCode(await receiver.Answer(hook, ct));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
