using Dashboard.Data.Catalog;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class ServiceCatalogTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="ServiceCatalogTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static readonly Actor Owner = TestServices.Owner;
    private TestServices _app = default!;
    private TestDatabase _db = default!;
    private ServiceCatalogCommands _commands = default!;
    private ServiceCatalogQueries _queries = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store);
        _db = _app.Database;
        _commands = _app.Get<ServiceCatalogCommands>();
        _queries = _app.Get<ServiceCatalogQueries>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> IdAsync(string key)
    {
        await using var db = _db.CreateDbContext();
        return await db.Services.Where(s => s.Key == key).Select(s => s.Id).SingleAsync();
    }

    private async Task<int> CreateAsync(string name)
    {
        var result = await _commands.CreateAsync(Owner, new ServiceInput { Name = name, Group = "Tests", Tier = 2 });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Id!.Value;
    }

    [Fact]
    public async Task Blast_radius_of_Bot_Management_reaches_its_seven_dependents_from_the_catalog()
    {
        var radius = await _queries.BlastRadiusAsync(await IdAsync("cf-bot-management"));

        Assert.Equal(7, radius.Count);
        Assert.Equal(["cf-fl-proxy", "cf-fl2-proxy"], radius.Dependents.Where(d => d.Hops == 1).Select(d => d.Service.Key).Order());
        Assert.Contains(radius.Dependents, d => d.Service.Key == "cf-dashboard" && d.Hops == 3);
    }

    [Fact]
    public async Task A_new_service_gets_a_key_from_its_name_and_its_fields_are_validated_by_name()
    {
        var created = await _commands.CreateAsync(Owner, new ServiceInput { Name = "Payments API", Group = "Shop", OwnerTeam = "Payments", Tier = 1 });
        Assert.True(created.Succeeded);
        Assert.Equal("payments-api", created.Key);

        var bad = await _commands.CreateAsync(Owner, new ServiceInput { Name = "payments api", Group = " ", Tier = 7, Key = "Not A Key" });

        Assert.False(bad.Succeeded);
        Assert.StartsWith("Name:", bad.Errors["Name"]);
        Assert.Contains("already in the catalog", bad.Errors["Name"]);
        Assert.StartsWith("Group:", bad.Errors["Group"]);
        Assert.StartsWith("Tier:", bad.Errors["Tier"]);
        Assert.StartsWith("Key:", bad.Errors["Key"]);
    }

    [Fact]
    public async Task A_dependency_that_would_close_a_cycle_is_refused_naming_the_cycle()
    {
        var clickHouse = await IdAsync("cf-clickhouse");
        var dashboard = await IdAsync("cf-dashboard");

        var result = await _commands.AddDependencyAsync(Owner, clickHouse, dashboard);

        Assert.False(result.Succeeded);
        var message = result.Errors["DependsOn"];
        Assert.Contains("cycle", message);
        Assert.Contains("ClickHouse cluster → Cloudflare dashboard →", message);
        Assert.EndsWith("→ ClickHouse cluster.", message);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.ServiceDependencies.AnyAsync(d => d.ServiceId == clickHouse && d.DependsOnServiceId == dashboard));
    }

    [Fact]
    public async Task Dependencies_can_be_added_and_removed_and_self_or_duplicate_edges_are_refused()
    {
        var api = await CreateAsync("Orders API");
        var store = await CreateAsync("Orders DB");

        Assert.True((await _commands.AddDependencyAsync(Owner, api, store)).Succeeded);
        Assert.Contains("already depends", (await _commands.AddDependencyAsync(Owner, api, store)).Errors["DependsOn"]);
        Assert.Contains("itself", (await _commands.AddDependencyAsync(Owner, api, api)).Errors["DependsOn"]);
        Assert.Equal(1, (await _queries.BlastRadiusAsync(store)).Count);

        Assert.True((await _commands.RemoveDependencyAsync(Owner, api, store)).Succeeded);
        Assert.Equal(0, (await _queries.BlastRadiusAsync(store)).Count);
    }

    [Fact]
    public async Task The_graph_kept_in_memory_follows_every_writer_of_the_edges()
    {
        var api = await CreateAsync("Orders API");
        var store = await CreateAsync("Orders DB");
        Assert.Equal(0, (await _queries.BlastRadiusAsync(store)).Count); // the graph is now cached

        await using (var db = _db.CreateDbContext())
        {
            db.ServiceDependencies.Add(new ServiceDependency { ServiceId = api, DependsOnServiceId = store }); // not through the commands
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, (await _queries.BlastRadiusAsync(store)).Count);

        await using (var db = _db.CreateDbContext())
            await db.Services.Where(s => s.Id == api).ExecuteDeleteAsync(); // the edge goes by cascade
        Assert.Equal(0, (await _queries.BlastRadiusAsync(store)).Count);
    }

    [Fact]
    public async Task Removing_a_service_that_incidents_reference_is_refused_with_the_count_and_archiving_hides_it_from_choices()
    {
        var fl2 = await IdAsync("cf-fl2-proxy");

        var refused = await _commands.DeleteAsync(Owner, fl2);

        Assert.Equal(Outcome.Invalid, refused.Outcome);
        Assert.Contains("1 incident refers to it", refused.Errors[""]);
        Assert.Contains("Archive", refused.Errors[""]);
        Assert.True((await _commands.SetArchivedAsync(Owner, fl2, true)).Succeeded);
        Assert.DoesNotContain(await _queries.ChoicesAsync(), s => s.Id == fl2);
        Assert.DoesNotContain((await _queries.ListAsync(Actor.System, null, includeArchived: false)).Items, s => s.Id == fl2);
        var detail = await _queries.GetAsync("cf-fl2-proxy");
        Assert.True(detail!.IsArchived);
        Assert.Single((await _queries.HistoryAsync(Actor.System, fl2, null)).Incidents);
    }

    [Fact]
    public async Task Removing_an_unreferenced_service_removes_its_edges_in_both_directions()
    {
        var a = await CreateAsync("Edge A");
        var b = await CreateAsync("Edge B");
        var c = await CreateAsync("Edge C");
        await _commands.AddDependencyAsync(Owner, a, b);
        await _commands.AddDependencyAsync(Owner, b, c);

        Assert.True((await _commands.DeleteAsync(Owner, b)).Succeeded);

        await using var db = _db.CreateDbContext();
        Assert.False(await db.Services.AnyAsync(s => s.Id == b));
        Assert.False(await db.ServiceDependencies.AnyAsync(d => d.ServiceId == b || d.DependsOnServiceId == b));
        Assert.True(await db.Services.AnyAsync(s => s.Id == a));
    }

    [Fact]
    public async Task A_stale_edit_is_refused()
    {
        var id = await CreateAsync("Stale API");
        var (_, version, input) = (await _queries.GetForEditAsync(id))!.Value;
        input.Description = "first";
        var first = await _commands.UpdateAsync(Owner, id, version, input);
        Assert.True(first.Succeeded);

        input.Description = "second, from an old form";
        var stale = await _commands.UpdateAsync(Owner, id, version, input);

        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Equal(first.Version, stale.Version);
        Assert.Equal("first", (await _queries.GetForEditAsync(id))!.Value.Input.Description);
    }

    [Fact]
    public async Task The_history_of_a_service_lists_its_incidents_with_level_and_minutes_counting_overlaps_once()
    {
        var dashboard = await IdAsync("cf-dashboard");

        var history = await _queries.HistoryAsync(Actor.System, dashboard, null);

        var row = Assert.Single(history.Incidents);
        Assert.Equal("2025-11-18-cloudflare-bot-management", row.Slug);
        Assert.Equal(ImpactLevel.PartialOutage, row.WorstLevel);
        Assert.Equal(2, row.Windows);
        Assert.Equal(100 + 50, row.ImpactMinutes); // 11:30–13:10 and 14:40–15:30
        Assert.Equal(150, history.PeriodMinutes);
        Assert.Same(row, history.Last);
        // FixedClock is 2026-01-15: a 30-day period holds none of it.
        Assert.Equal(0, (await _queries.HistoryAsync(Actor.System, dashboard, new DateTime(2025, 12, 16, 0, 0, 0, DateTimeKind.Utc))).PeriodMinutes);
    }

    [Fact]
    public async Task The_service_page_shows_what_it_depends_on_and_what_depends_on_it()
    {
        var detail = await _queries.GetAsync("cf-fl2-proxy");

        Assert.Equal(["Bot Management module"], detail!.DependsOn.Select(s => s.Name));
        Assert.Equal(["cf-access", "cf-cdn-core", "cf-turnstile", "cf-workers-kv"], detail.Dependents.Select(s => s.Key).Order());
        var list = (await _queries.ListAsync(Actor.System, "fl2", includeArchived: false)).Items;
        var item = Assert.Single(list);
        Assert.Equal((1, 4, 1), (item.DependsOnCount, item.DependentCount, item.IncidentCount));
    }
}

public sealed class ServiceCatalogTestsOnPostgreSql : ServiceCatalogTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
