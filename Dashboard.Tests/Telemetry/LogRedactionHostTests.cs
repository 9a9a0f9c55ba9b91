using System.Net;
using System.Text.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Telemetry;

/// <summary>The app with JSON logs (Logging:Format=json), every entry of every level captured as the console would print it.</summary>
public sealed class JsonLogAppFactory : AppFactory
{
    public CapturedLog? Log { get; private set; }

    public JsonLogAppFactory() => Settings["Logging:Format"] = "json";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(sp =>
        {
            var name = sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
            return Log = new CapturedLog(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == name));
        }));
        // Everything, whatever the app's levels say: a secret must not reach the log at Debug or Trace either.
        builder.ConfigureLogging(logging => logging.AddFilter<CapturedLog>(null, LogLevel.Trace));
    }
}

public sealed class LogRedactionHostTests
{
    [Fact]
    public async Task Passwords_api_keys_and_webhook_secrets_never_reach_the_log()
    {
        const string WrongPassword = "Wrong-Password-For-The-Log-Test-7f3a";
        await using var app = new JsonLogAppFactory();

        // Sign in: once with a wrong password, once with the right one.
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.SignInAsync(browser, AppFactory.OwnerEmail, WrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(browser, AppFactory.OwnerEmail, AppFactory.OwnerPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        // An API key, used; then a webhook endpoint made with it, whose secret comes back once.
        var key = await app.KeyAsync(Role.Admin);
        var api = app.ApiClient(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        var created = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", new { url = "https://93.184.215.14/hooks/log-test", eventTypes = new[] { "incident.created" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.JsonAsync()).GetProperty("secret").GetString()!;
        // A wrong key is refused and must not be echoed either.
        var wrongKey = key[..^4] + "zzzz";
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(wrongKey).GetAsync("/api/v1/me")).StatusCode);

        var log = app.Log!.Text;
        Assert.Equal("json", app.Log.FormatterName);
        Assert.Contains("/api/v1/webhooks", log); // the requests were logged, so the absence below means something
        foreach (var secretText in new[] { AppFactory.OwnerPassword, WrongPassword, key, wrongKey, secret })
            Assert.DoesNotContain(secretText, log);
        // Without its prefix too: a log that cut "ib_" or "whsec_" off would still leak.
        Assert.DoesNotContain(secret[(secret.IndexOf('_') + 1)..], log);

        // One JSON object per line, and a request's lines carry its trace id in their scopes.
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(entries, e => e.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString()!.Length == 32));
    }
}
