using Dashboard.Data.Trackers;
using Dashboard.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace Dashboard.Trackers;

/// <summary>
/// One pass of the tracker worker: claim the due calls, make each through its provider, record the
/// issue's key through the door (or the update as done), and on failure try again later with the
/// webhooks' backoff until the retry window ends, when the call fails for good with its reason.
/// </summary>
public sealed class TrackerDispatcher(TrackerCallStore store, TrackerCommands commands, IEnumerable<ITrackerProvider> providers, IHttpClientFactory clients,
    IOptionsMonitor<TrackerOptions> options, IOptions<PublicAddress> address, TimeProvider clock, ILogger<TrackerDispatcher> logger)
{
    public const string ClientName = "trackers";

    /// <summary>Makes the calls due now; returns how many it attempted.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var claims = await store.ClaimDueAsync(Now, ct);
        foreach (var claim in claims) await RunAsync(claim, ct);
        return claims.Count;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task RunAsync(ClaimedTrackerCall claim, CancellationToken ct)
    {
        var draft = await store.DraftAsync(claim.TrackerIssueId, ct);
        if (draft is null)
        {
            await store.DoneAsync(claim, Now, ct); // the action or the connection was deleted: nothing left to send
            return;
        }
        if (draft.IncidentIsPrivate)
        {
            await store.FailedAsync(claim, Now, "The incident is private now: its actions are no longer sent to trackers.", null, ct);
            return;
        }
        var o = options.CurrentValue;
        var provider = providers.Single(p => p.Kind == draft.Target.Kind);
        if (o.For(draft.Target.Name) is not { Token.Length: > 0 } credentials)
        {
            await FailedAsync(claim, $"No token is configured for '{draft.Target.Name}' (Trackers:Credentials:{draft.Target.Name}:Token).", ct);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        var http = clients.CreateClient(ClientName);
        string error;
        try
        {
            if (claim.Kind == TrackerCallKind.Create)
            {
                var linkBack = address.Value.Link($"incidents/{draft.IncidentSlug}");
                var created = await provider.CreateAsync(http, draft, credentials, linkBack, timeout.Token);
                var recorded = await commands.RecordCreatedAsync(TrackerCommands.ActorFor(draft.Target.Name, draft.Target.Kind), claim.Id, claim.TrackerIssueId, created, ct);
                if (!recorded.Succeeded)
                {
                    // Trying again would open a second issue: fail for good, naming the one that exists.
                    logger.LogWarning("Tracker issue {Key} was opened but not recorded: {Outcome}", created.Key, recorded.Outcome);
                    await store.FailedAsync(claim, Now, $"Opened as {created.Key} ({created.Url}) but not recorded here: {recorded.Outcome}.", null, ct);
                }
                return;
            }
            if (draft.ExternalId is null) { await store.DoneAsync(claim, Now, ct); return; }
            await provider.UpdateAsync(http, draft, credentials, timeout.Token);
            await store.DoneAsync(claim, Now, ct);
            return;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // shutting down: the call stays claimed and is due again when its lease ends
        }
        catch (OperationCanceledException)
        {
            error = $"No answer within {o.Timeout.TotalSeconds:0.#} s.";
        }
        catch (TrackerCallException ex)
        {
            error = ex.Message;
        }
        catch (HttpRequestException ex)
        {
            error = ex.InnerException?.Message ?? ex.Message;
        }
        catch (System.Text.Json.JsonException ex)
        {
            error = $"The answer is not the documented JSON: {ex.Message}";
        }
        await FailedAsync(claim, error, ct);
    }

    private async Task FailedAsync(ClaimedTrackerCall claim, string error, CancellationToken ct)
    {
        var now = Now;
        var retryAt = Backoff.NextAttempt(claim.CreatedAt, now, claim.Attempts + 1, options.CurrentValue.RetryWindow, Random.Shared.NextDouble());
        logger.LogWarning("Tracker call {Call} ({Kind}) failed, {Retry}: {Error}", claim.Id, claim.Kind, retryAt is null ? "for good" : $"again at {retryAt:u}", error);
        await store.FailedAsync(claim, now, error, retryAt, ct);
    }
}

/// <summary>Runs <see cref="TrackerDispatcher"/> while the app runs: again at once while there was work, else after the poll interval.</summary>
public sealed class TrackerWorker(TrackerDispatcher dispatcher, IOptionsMonitor<TrackerOptions> options, ILogger<TrackerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await dispatcher.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Tracker pass failed"); // the calls wait in the outbox
            }
            if (worked > 0) continue;
            try { await Task.Delay(options.CurrentValue.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class TrackerSetup
{
    /// <summary>The providers, their client (no redirects, no cookies) and the dispatcher; the hosted worker is added by the app.</summary>
    public static IServiceCollection AddTrackers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrackerOptions>(configuration.GetSection(TrackerOptions.Section));
        services.AddHttpClient(TrackerDispatcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // a redirect would resend the credentials elsewhere
            UseCookies = false,
        });
        services.AddSingleton<ITrackerProvider, GitHubIssues>();
        services.AddSingleton<ITrackerProvider, JiraIssues>();
        services.AddSingleton<TrackerDispatcher>();
        return services;
    }
}
