using Dashboard;
using Dashboard.Components;
using Dashboard.Data.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentBoard();

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapActionsExport();
app.MapAuditExport();
app.MapReviewExport();
app.MapPostmortemExports();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("IncidentBoard is ready at {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
