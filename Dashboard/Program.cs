using Dashboard.Host;
using Dashboard.Host.CommandLine;

// backup, restore, migrate, migrate-data, healthcheck, users, api-keys, changes: run against the same settings, then exit.
if (Verbs.IsCommand(args)) return await Verbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentBoard(); // data, cluster, UI, sign-in, API, webhooks, limits, telemetry

var app = builder.Build();
await app.PrepareDatabaseAsync(); // migrate, seed, first owner
app.UseIncidentBoardPipeline();   // forwarded headers, errors, HTTPS, headers, sign-in, limits
app.MapIncidentBoardEndpoints();  // pages, account, exports, API, health, metrics
app.Run();
return 0;

public partial class Program;
