using Dashboard.Data.Door;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Webhooks;

public sealed record WebhookInput(string Url, IReadOnlyList<string> EventTypes);

/// <summary>Admins register, rotate, switch off and remove endpoints, and queue redeliveries; all through the door, all audited.</summary>
public sealed class WebhookCommands(WriteDoor door, IOptions<WebhookOptions> options)
{
    private const string Subject = "webhook endpoint";
    private const int MaxEndpoints = 50;

    /// <summary>Registers the endpoint and returns its new secret: the only time it is shown.</summary>
    public async Task<(CommandResult Result, string? Secret)> CreateAsync(Actor actor, WebhookInput input, CancellationToken ct = default)
    {
        // Validation resolves the host: only for those who may register, so nobody else can probe DNS through it.
        var errors = actor.May(Permission.Administer) ? await ValidateAsync(input, ct) : [];
        string? secret = null;
        var result = await door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            if (errors.Count > 0) return w.Invalid(errors);
            if (await w.Db.WebhookEndpoints.CountAsync(ct) >= MaxEndpoints) return w.Invalid("", $"There are already {MaxEndpoints} endpoints, the limit.");
            secret = WebhookSigning.NewSecret();
            var endpoint = new WebhookEndpoint
            {
                Url = input.Url.Trim(), EventTypes = string.Join(',', WebhookEventTypes.All.Where(input.EventTypes.Contains)),
                Secret = secret, CreatedAt = w.Now, CreatedBy = w.Actor.Name, Version = Guid.NewGuid(),
            };
            w.Db.WebhookEndpoints.Add(endpoint);
            w.Audit("webhook.created", endpoint);
            return w.Done(endpoint);
        }, ct);
        return (result, result.Succeeded ? secret : null);
    }

    /// <summary>A new secret, shown once; deliveries signed from now on use it.</summary>
    public async Task<(CommandResult Result, string? Secret)> RotateSecretAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var secret = WebhookSigning.NewSecret();
        var result = await ChangeAsync(actor, id, "webhook.secret_rotated", (e, now) => { e.Secret = secret; e.SecretRotatedAt = now; }, ct);
        return (result, result.Succeeded ? secret : null);
    }

    public Task<CommandResult> SetEnabledAsync(Actor actor, int id, bool enabled, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(actor, id, enabled ? "webhook.enabled" : "webhook.disabled", (e, now) =>
        {
            e.IsEnabled = enabled;
            e.DisabledAt = enabled ? null : now;
            e.DisabledReason = enabled ? null : Trim(reason ?? $"Disabled by {actor.DisplayName}.", 600);
        }, ct);

    public Task<CommandResult> DeleteAsync(Actor actor, int id, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var endpoint = await w.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return w.NotFound();
            w.Db.WebhookEndpoints.Remove(endpoint); // its deliveries go with it (ON DELETE CASCADE)
            w.Audit("webhook.deleted", endpoint);
            return w.Done(endpoint);
        }, ct);

    /// <summary>Queues the same message again (same <c>webhook-id</c>, so receivers can tell) as a fresh delivery with a fresh retry window.</summary>
    public Task<CommandResult> RedeliverAsync(Actor actor, long deliveryId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var original = await w.Db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
            if (original is null) return w.NotFound();
            var endpoint = await w.Db.WebhookEndpoints.SingleAsync(e => e.Id == original.EndpointId, ct);
            w.Db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EventId = original.EventId, EndpointId = original.EndpointId, EventType = original.EventType, Payload = original.Payload,
                Status = DeliveryStatus.Pending, CreatedAt = w.Now, NextAttemptAt = w.Now,
            });
            w.Audit("webhook.redelivered", endpoint.Id.ToString(), null, new Audit.FieldChange("Message", null, $"{original.EventType} {original.EventId}"));
            return CommandResult.Ok(Subject, endpoint.Id);
        }, ct);

    private Task<CommandResult> ChangeAsync(Actor actor, int id, string action, Action<WebhookEndpoint, DateTime> change, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var endpoint = await w.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return w.NotFound();
            w.Expect(endpoint, endpoint.Version); // last writer wins: these are single-field toggles
            change(endpoint, w.Now);
            w.Audit(action, endpoint);
            return w.Done(endpoint);
        }, ct);

    private async Task<Dictionary<string, string>> ValidateAsync(WebhookInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Url)) errors[nameof(input.Url)] = "Enter the endpoint's URL.";
        else if (input.Url.Trim().Length > Limits.UrlLength) errors[nameof(input.Url)] = $"The URL is longer than {Limits.UrlLength:N0} characters.";
        else if (await AddressGuard.ProblemWithAsync(input.Url.Trim(), options.Value.AllowPrivateNetworks, ct) is { } problem) errors[nameof(input.Url)] = problem;
        var unknown = input.EventTypes.Where(t => !WebhookEventTypes.All.Contains(t)).ToList();
        if (unknown.Count > 0) errors[nameof(input.EventTypes)] = $"Unknown event types: {string.Join(", ", unknown)}.";
        else if (input.EventTypes.Count == 0) errors[nameof(input.EventTypes)] = "Choose at least one event type.";
        return errors;
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
