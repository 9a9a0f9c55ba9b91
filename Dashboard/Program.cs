using Dashboard;
using Dashboard.Account;
using Dashboard.Components;
using Dashboard.Http;
using Dashboard.Alerts;
using Dashboard.Host.Telemetry;
using Dashboard.Data.Seeding;
using Dashboard.Data.Providers;

if (DatabaseCommands.IsCommand(args)) return DatabaseCommands.Run(args, Console.Out);
if (HealthCheckCommand.IsCommand(args)) return await HealthCheckCommand.RunAsync(args, Console.Out);
if (MigrateCommand.IsCommand(args)) return await MigrateCommand.RunAsync(args, Console.Out, Console.Error);
if (MigrateDataCommand.IsCommand(args)) return await MigrateDataCommand.RunAsync(args, Console.Out, Console.Error);
if (UsersCommandLine.IsCommand(args)) return await UsersCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
if (Dashboard.Api.ApiKeysCommandLine.IsCommand(args)) return await Dashboard.Api.ApiKeysCommandLine.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentBoard();
Dashboard.Api.ApiSetup.AddIncidentBoardApi(builder);

var app = builder.Build();
app.Services.GetRequiredService<DatabaseFileLock>(); // held until shutdown: `restore` refuses while the app runs
// One instance at a time migrates, seeds and makes the first owner (an advisory lock on PostgreSQL).
await using (await app.Services.GetRequiredService<StartupLock>().AcquireAsync())
{
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    await app.Services.GetRequiredService<FirstRun>().BootstrapAsync();
}

// First: everything after it (HSTS, cookies, rate limits, sign-in) sees the client's scheme and address, not the proxy's.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts(); // sent only on HTTPS responses, and never for localhost
}
if (HttpsSetup.IsConfigured(app.Configuration)) app.UseHttpsRedirection();
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
// Before authorization: with no user yet, every page leads to the owner form rather than to sign-in.
app.Use((context, next) => context.RequestServices.GetRequiredService<FirstRun>().InvokeAsync(context, next));
app.Use(ForcedPasswordChange.InvokeAsync);
app.UseAuthorization();
app.UseRateLimiter();
Dashboard.Api.ApiProtocol.UseIncidentBoardApi(app);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapIncidentBoardTelemetry(); // /metrics, /healthz/live, /healthz/ready
app.MapAccountEndpoints();
app.MapActionsExport();
app.MapAuditExport();
app.MapReviewExport();
app.MapPostmortemExports();
Dashboard.Api.ApiSetup.MapIncidentBoardApi(app);
// SecurityHeaders sends the whole policy, frame-ancestors included: one header, not two to intersect.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("IncidentBoard is ready at {Urls}", string.Join(", ", app.Urls)));
app.Run();
return 0;

public partial class Program;
