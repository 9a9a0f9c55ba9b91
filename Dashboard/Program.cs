using Dashboard;
using Dashboard.Account;
using Dashboard.Components;
using Dashboard.Data.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentBoard();

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
await app.Services.GetRequiredService<FirstRun>().BootstrapAsync();

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
// Before authorization: with no user yet, every page leads to the owner form rather than to sign-in.
app.Use((context, next) => context.RequestServices.GetRequiredService<FirstRun>().InvokeAsync(context, next));
app.Use(ForcedPasswordChange.InvokeAsync);
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapAccountEndpoints();
app.MapActionsExport();
app.MapAuditExport();
app.MapReviewExport();
app.MapPostmortemExports();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("IncidentBoard is ready at {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
