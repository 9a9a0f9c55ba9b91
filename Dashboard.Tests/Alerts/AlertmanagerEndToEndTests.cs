using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Api;

namespace Dashboard.Tests.Alerts;

/// <summary>The real Alertmanager posting to the real app on a real port: fire an alert, see the incident; resolve it, see the recovery.</summary>
public sealed class AlertmanagerEndToEndTests : IAsyncLifetime
{
    private const string KeyName = "alertmanager";
    private readonly AppFactory _app = new();
    private AlertmanagerProcess? _alertmanager;
    private string _appUrl = "";
    private string _key = "";

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _appUrl = AppFactory.ListeningUrl(_app.Services);
        // A responder key, as an operator would make with `api-keys create alertmanager --role responder`.
        _key = await _app.KeyAsync(Role.Responder, name: KeyName);
        _alertmanager = await AlertmanagerProcess.StartAsync(_appUrl + "api/v1/alerts/alertmanager", _key);
    }

    [Fact]
    public async Task An_alert_fired_in_Alertmanager_declares_an_incident_and_its_resolution_adds_the_recovery()
    {
        using var am = new HttpClient { BaseAddress = new Uri(_alertmanager!.BaseUrl) };
        var startsAt = DateTime.UtcNow.AddMinutes(-2);
        object Alert(DateTime? endsAt) => new
        {
            labels = new Dictionary<string, string> { ["alertname"] = "EdgeProxyErrors", ["severity"] = "critical", ["service"] = "cf-fl-proxy", ["instance"] = "edge-1" },
            annotations = new Dictionary<string, string> { ["summary"] = "Edge proxy 5xx above 5%" },
            startsAt,
            endsAt,
        };

        var fired = await am.PostAsJsonAsync("api/v2/alerts", new[] { Alert(null) });
        Assert.Equal(HttpStatusCode.OK, fired.StatusCode);
        var incident = await UntilAsync(async db => await db.Incidents.Include(i => i.Events).SingleOrDefaultAsync(i => i.Title == "Edge proxy 5xx above 5%"));
        Assert.Equal(Severity.Sev1, incident.Severity);
        var detection = Assert.Single(incident.Events);
        Assert.Equal(EventKind.Detection, detection.Kind);
        Assert.StartsWith("EdgeProxyErrors firing", detection.Text);
        Assert.Equal($"API key {KeyName}", detection.Author); // the key it came in with
        Assert.NotNull(detection.ServiceId);
        Assert.NotNull(incident.DetectedAt);

        var resolved = await am.PostAsJsonAsync("api/v2/alerts", new[] { Alert(DateTime.UtcNow.AddSeconds(-1)) });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var recovered = await UntilAsync(async db => await db.Incidents.Include(i => i.Events)
            .SingleOrDefaultAsync(i => i.Id == incident.Id && i.Events.Any(e => e.Kind == EventKind.Recovery)));
        Assert.Equal(2, recovered.Events.Count);
        Assert.NotNull(recovered.MitigatedAt);
        Assert.Equal(IncidentStatus.Investigating, recovered.Status);
        await using var check = _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>().CreateDbContext();
        Assert.Equal(1, await check.AlertGroups.CountAsync(g => g.IncidentId == incident.Id));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "incident.created" && a.IncidentId == incident.Id && a.Actor == $"API key {KeyName} (owner {AppFactory.OwnerEmail})"));
    }

    [Fact]
    public async Task Without_credentials_the_endpoint_answers_401_and_with_a_bad_body_400()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_appUrl) };
        var anonymous = await http.PostAsync("api/v1/alerts/alertmanager", JsonContent.Create(new { version = "4" }));
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{anonymous.StatusCode}: {await anonymous.Content.ReadAsStringAsync()}");

        http.DefaultRequestHeaders.Authorization = new("Bearer", _key);
        var broken = await http.PostAsync("api/v1/alerts/alertmanager", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        var invalid = await http.PostAsync("api/v1/alerts/alertmanager", JsonContent.Create(new { version = "3", alerts = Array.Empty<object>() }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("version 4", await invalid.Content.ReadAsStringAsync());
    }

    /// <summary>Waits for Alertmanager (another process, on its own grouping timers) to have posted; the condition is read from the database.</summary>
    private async Task<T> UntilAsync<T>(Func<IncidentBoardDbContext, Task<T?>> read) where T : class
    {
        var factory = _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IncidentBoardDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync())
                if (await read(db) is { } found) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Alertmanager did not deliver within 60 s. Its log:\n{await File.ReadAllTextAsync(_alertmanager!.LogPath)}");
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (_alertmanager is not null) await _alertmanager.DisposeAsync();
        await _app.DisposeAsync();
    }
}
