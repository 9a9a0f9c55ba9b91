using Dashboard;
using Dashboard.Components;
using Dashboard.Http;
using Dashboard.Data.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentBoard();

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts(); // sent only on HTTPS responses, and never for localhost
}
if (HttpsSetup.IsConfigured(app.Configuration)) app.UseHttpsRedirection();
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapActionsExport();
app.MapReviewExport();
app.MapPostmortemExports();
// SecurityHeaders sends the whole policy, frame-ancestors included: one header, not two to intersect.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("IncidentBoard is ready at {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
