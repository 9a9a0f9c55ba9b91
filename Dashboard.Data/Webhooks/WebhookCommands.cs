using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Webhooks;

/// <summary>
/// What an admin sets on an endpoint. <paramref name="IncludePrivate"/>: it also hears of private
/// incidents (off unless chosen). <paramref name="IsEnabled"/> matters on update; a new endpoint starts as given.
/// </summary>
public sealed record WebhookInput(string Url, IReadOnlyList<string> EventTypes, bool IncludePrivate = false, bool IsEnabled = true);

/// <summary>Admins register, change, rotate, switch off and remove endpoints, and queue redeliveries; all through the door, all audited.</summary>
public sealed class WebhookCommands(WriteDoor door, WebhookSecrets secrets, IOptions<WebhookOptions> options)
{
    private const string Subject = "webhook endpoint";
    private const int MaxEndpoints = 50;

    /// <summary>Registers the endpoint and returns its new secret: the only time it is shown.</summary>
    public async Task<(CommandResult Result, string? Secret)> CreateAsync(Actor actor, WebhookInput input, CancellationToken ct = default)
    {
        // Validation resolves the host: only for those who may register, so nobody else can probe DNS through it.
        var errors = actor.May(Permission.Administer) ? await ValidateAsync(input, ct) : [];
        var (secret, stored) = NewSecret();
        var result = await door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            if (errors.Count > 0) return w.Invalid(errors);
            if (await w.Db.WebhookEndpoints.CountAsync(ct) >= MaxEndpoints) return w.Invalid("", $"There are already {MaxEndpoints} endpoints, the limit.");
            var endpoint = new WebhookEndpoint
            {
                Url = input.Url.Trim(), EventTypes = Stored(input.EventTypes), IncludePrivate = input.IncludePrivate,
                IsEnabled = input.IsEnabled, DisabledAt = input.IsEnabled ? null : w.Now, DisabledReason = input.IsEnabled ? null : $"Registered disabled by {actor.DisplayName}.",
                Secret = stored, CreatedAt = w.Now, CreatedBy = w.Actor.Name, Version = Guid.NewGuid(),
            };
            w.Db.WebhookEndpoints.Add(endpoint);
            w.Audit(AuditActions.WebhookCreated, endpoint);
            return w.Done(endpoint);
        }, ct);
        return (result, result.Succeeded ? secret : null);
    }

    /// <summary>
    /// Replaces the URL, the event types, whether private incidents are included and whether it is
    /// enabled, if the endpoint is still at <paramref name="version"/>. Excluding private incidents
    /// again also drops the private messages still waiting for it.
    /// </summary>
    public async Task<CommandResult> UpdateAsync(Actor actor, int id, Guid version, WebhookInput input, CancellationToken ct = default)
    {
        var errors = actor.May(Permission.Administer) ? await ValidateAsync(input, ct) : [];
        return await door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var endpoint = await w.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return w.NotFound();
            if (errors.Count > 0) return w.Invalid(errors);
            w.Expect(endpoint, version);
            endpoint.Url = input.Url.Trim();
            endpoint.EventTypes = Stored(input.EventTypes);
            if (endpoint.IsEnabled != input.IsEnabled) Enable(endpoint, input.IsEnabled, null, actor, w.Now);
            await IncludePrivateAsync(w, endpoint, input.IncludePrivate, ct);
            w.Audit(AuditActions.WebhookUpdated, endpoint);
            return w.Done(endpoint);
        }, ct);
    }

    /// <summary>The admin page's switch: whether the endpoint also hears of private incidents.</summary>
    public Task<CommandResult> SetIncludePrivateAsync(Actor actor, int id, bool include, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var endpoint = await w.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return w.NotFound();
            w.Expect(endpoint, endpoint.Version); // last writer wins: a single switch
            await IncludePrivateAsync(w, endpoint, include, ct);
            w.Audit(AuditActions.WebhookUpdated, endpoint);
            return w.Done(endpoint);
        }, ct);

    /// <summary>A new secret, shown once; deliveries signed from now on use it.</summary>
    /// <remarks>Also how a secret stored before protection existed gets protected. With <paramref name="version"/> only if the endpoint is still that version (the API's If-Match).</remarks>
    public async Task<(CommandResult Result, string? Secret)> RotateSecretAsync(Actor actor, int id, Guid? version = null, CancellationToken ct = default)
    {
        var (secret, stored) = NewSecret();
        var result = await ChangeAsync(actor, id, AuditActions.WebhookSecretRotated, (e, now) => { e.Secret = stored; e.SecretRotatedAt = now; }, version, ct);
        return (result, result.Succeeded ? secret : null);
    }

    public Task<CommandResult> SetEnabledAsync(Actor actor, int id, bool enabled, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(actor, id, enabled ? AuditActions.WebhookEnabled : AuditActions.WebhookDisabled, (e, now) => Enable(e, enabled, reason, actor, now), null, ct);

    /// <summary>Removes the endpoint and its log; with <paramref name="version"/> only if it is still that version (the API's If-Match).</summary>
    public Task<CommandResult> DeleteAsync(Actor actor, int id, Guid? version = null, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var endpoint = await w.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return w.NotFound();
            if (version is { } expected) w.Expect(endpoint, expected);
            w.Db.WebhookEndpoints.Remove(endpoint); // its deliveries go with it (ON DELETE CASCADE)
            w.Audit(AuditActions.WebhookDeleted, endpoint);
            return w.Done(endpoint);
        }, ct);

    /// <summary>Queues the same message again (same <c>webhook-id</c>, so receivers can tell) as a fresh delivery with a fresh retry window.</summary>
    public Task<CommandResult> RedeliverAsync(Actor actor, long deliveryId, CancellationToken ct = default) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var original = await w.Db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
            if (original is null) return w.NotFound();
            var endpoint = await w.Db.WebhookEndpoints.SingleAsync(e => e.Id == original.EndpointId, ct);
            // Sent while the endpoint included private incidents; it no longer does.
            if (!new Incidents.EdgeAudience(endpoint.IncludePrivate).Hears(original.AboutPrivate))
                return w.Invalid("", "This message is about a private incident, and the endpoint no longer receives private incidents.");
            w.Db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EventId = original.EventId, EndpointId = original.EndpointId, EventType = original.EventType, Payload = original.Payload, AboutPrivate = original.AboutPrivate,
                Status = DeliveryStatus.Pending, CreatedAt = w.Now, NextAttemptAt = w.Now,
            });
            w.Audit(AuditActions.WebhookRedelivered, endpoint.Id.ToString(), null, new FieldChange("Message", null, $"{original.EventType} {original.EventId}"));
            return CommandResult.Ok(Subject, endpoint.Id);
        }, ct);

    private Task<CommandResult> ChangeAsync(Actor actor, int id, string action, Action<WebhookEndpoint, DateTime> change, Guid? version, CancellationToken ct) =>
        door.RunAsync(actor, Permission.Administer, Subject, async w =>
        {
            var endpoint = await w.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return w.NotFound();
            w.Expect(endpoint, version ?? endpoint.Version); // without a version, last writer wins: the page's single-field toggles
            change(endpoint, w.Now);
            w.Audit(action, endpoint);
            return w.Done(endpoint);
        }, ct);

    /// <summary>
    /// A new secret and its protected form, made before the door opens its transaction: the first
    /// protection (and each key rotation) writes a key to the database on a connection of its own,
    /// which on SQLite would wait forever behind the door's write lock.
    /// </summary>
    private (string Secret, string Stored) NewSecret()
    {
        var secret = WebhookSigning.NewSecret();
        return (secret, secrets.Protect(secret));
    }

    private static void Enable(WebhookEndpoint e, bool enabled, string? reason, Actor actor, DateTime now)
    {
        e.IsEnabled = enabled;
        e.DisabledAt = enabled ? null : now;
        e.DisabledReason = enabled ? null : Trim(reason ?? $"Disabled by {actor.DisplayName}.", 600);
    }

    /// <summary>Switches private incidents on or off; off also fails the private messages still queued for the endpoint, so none is sent after all.</summary>
    private static async Task IncludePrivateAsync(Write w, WebhookEndpoint endpoint, bool include, CancellationToken ct)
    {
        if (endpoint.IncludePrivate == include) return;
        endpoint.IncludePrivate = include;
        if (include) return;
        await w.Db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id && d.AboutPrivate && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.ClaimToken, (Guid?)null)
                .SetProperty(d => d.LastError, "Not sent: the endpoint no longer receives private incidents."), ct);
    }

    private static string Stored(IReadOnlyList<string> types) => string.Join(',', WebhookEventTypes.All.Where(types.Contains));

    private async Task<Dictionary<string, string>> ValidateAsync(WebhookInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        // An API body may leave fields out; records from JSON then hold nulls.
        if (input.EventTypes is null) return new() { [nameof(input.EventTypes)] = "Choose at least one event type." };
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
