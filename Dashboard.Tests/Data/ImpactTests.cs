using Dashboard.Data.Impact;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Data.Incidents;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class ImpactTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="ImpactTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private const string Cloudflare = "2025-11-18-cloudflare-bot-management";
    private static readonly Actor Owner = TestServices.Owner;
    private TestServices _app = default!;
    private ImpactQueries _queries = default!;
    private ImpactCommands _commands = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _queries = _app.Get<ImpactQueries>();
        _commands = _app.Get<ImpactCommands>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<int> IncidentAsync(string slug) => _app.IncidentIdAsync(slug);

    private async Task<int> ServiceAsync(string key)
    {
        await using var db = _app.Database.CreateDbContext();
        return await db.Services.Where(s => s.Key == key).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task The_Cloudflare_graph_holds_the_affected_services_and_their_unaffected_upstream_with_ClickHouse_as_root_cause()
    {
        var view = (await _queries.GetAsync(Actor.System, await IncidentAsync(Cloudflare)))!;

        var keys = view.Nodes.Select(n => n.Key).ToHashSet();
        // Eight affected services plus their unaffected upstream: ClickHouse, the feature-file
        // generator, the Bot Management module, and the WAF and global configuration system behind FL.
        Assert.Equal(13, keys.Count);
        Assert.Contains("cf-clickhouse", keys);
        Assert.Contains("cf-feature-file-generator", keys);
        Assert.Contains("cf-bot-management", keys);
        Assert.DoesNotContain("cf-status-page", keys);
        Assert.Equal("cf-clickhouse", view.RootCause!.Key);
        Assert.False(view.Nodes.Single(n => n.Key == "cf-clickhouse").Affected);
        Assert.Equal(ImpactLevel.MajorOutage, view.Nodes.Single(n => n.Key == "cf-fl2-proxy").Worst);
        var layer = view.Nodes.ToDictionary(n => n.Key, n => n.Layer);
        Assert.True(layer["cf-clickhouse"] < layer["cf-feature-file-generator"]);
        Assert.True(layer["cf-bot-management"] < layer["cf-fl2-proxy"]);
        Assert.True(layer["cf-workers-kv"] < layer["cf-dashboard"]);
        Assert.Equal(13, view.Edges.Count);
        Assert.Equal(new DateTime(2025, 11, 18, 11, 20, 0, DateTimeKind.Utc), view.From);
        Assert.Equal(new DateTime(2025, 11, 18, 17, 6, 0, DateTimeKind.Utc), view.To);
    }

    [Fact]
    public async Task At_13_30_the_core_proxy_is_still_down_while_Workers_KV_has_recovered()
    {
        var view = (await _queries.GetAsync(Actor.System, await IncidentAsync(Cloudflare)))!;

        var state = view.StateAt(new DateTime(2025, 11, 18, 13, 30, 0, DateTimeKind.Utc));

        Assert.Equal(ImpactLevel.MajorOutage, state[await ServiceAsync("cf-fl2-proxy")]);
        Assert.False(state.ContainsKey(await ServiceAsync("cf-workers-kv")));
        Assert.False(state.ContainsKey(await ServiceAsync("cf-dashboard"))); // between its two dips
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_and_nothing_is_written()
    {
        var incident = await IncidentAsync("2025-10-29-azure-front-door");
        var before = (await _queries.GetAsync(Actor.System, incident))!.Windows.Count;

        var result = await _commands.AddAsync(Owner, incident, new ImpactInput { ServiceId = await ServiceAsync("az-portal"), Start = "2025-10-29 17:00", End = "16:00" });

        Assert.False(result.Succeeded);
        Assert.StartsWith("End:", result.Errors["End"]);
        Assert.Contains("not after the start", result.Errors["End"]);
        Assert.Equal(before, (await _queries.GetAsync(Actor.System, incident))!.Windows.Count);
        var missing = await _commands.AddAsync(Owner, incident, new ImpactInput { Start = "later" });
        Assert.StartsWith("Service:", missing.Errors["ServiceId"]);
        Assert.StartsWith("Start:", missing.Errors["Start"]);
    }

    [Fact]
    public async Task A_window_outside_the_incident_is_saved_with_a_warning_and_announced()
    {
        var incident = await IncidentAsync(Cloudflare);
        var announced = _app.Record(ChangeScope.Incident(incident));

        var result = await _commands.AddAsync(Owner, incident, new ImpactInput
        {
            ServiceId = await ServiceAsync("cf-status-page"), Level = ImpactLevel.MajorOutage, Start = "10:50", End = "11:40", Description = "Status page down by coincidence",
        });

        Assert.True(result.Succeeded);
        Assert.Contains(result.Warnings, w => w.Contains("before the incident was triggered"));
        Assert.Single(announced);
        var view = (await _queries.GetAsync(Actor.System, incident))!;
        Assert.Contains(view.Windows, w => w.ServiceKey == "cf-status-page" && w.StartedAt == new DateTime(2025, 11, 18, 10, 50, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Editing_a_window_checks_its_version_and_deleting_removes_it()
    {
        var incident = await IncidentAsync("2025-10-20-aws-us-east-1-dynamodb-dns");
        var window = (await _queries.GetAsync(Actor.System, incident))!.Windows[0];
        var input = ImpactInput.From(window);
        input.Level = ImpactLevel.Degraded;

        var saved = await _commands.UpdateAsync(Owner, incident, window.Id, window.Version, input);
        Assert.True(saved.Succeeded);
        input.Level = ImpactLevel.PartialOutage;
        var stale = await _commands.UpdateAsync(Owner, incident, window.Id, window.Version, input);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Equal(saved.Version, stale.Version);
        Assert.Equal(ImpactLevel.Degraded, (await _queries.GetAsync(Actor.System, incident))!.Windows.Single(w => w.Id == window.Id).Level);

        Assert.Equal(Outcome.Conflict, (await _commands.DeleteAsync(Owner, incident, window.Id, window.Version)).Outcome);
        Assert.True((await _commands.DeleteAsync(Owner, incident, window.Id, saved.Version!.Value)).Succeeded);
        Assert.DoesNotContain((await _queries.GetAsync(Actor.System, incident))!.Windows, w => w.Id == window.Id);
    }
}

public sealed class ImpactTestsOnPostgreSql : ImpactTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
