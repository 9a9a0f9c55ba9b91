using Dashboard.Data.Incidents;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Data;

public class IncidentCommandsTests : IAsyncLifetime
{
    /// <summary>The database these tests run on; <see cref="IncidentCommandsTestsOnPostgreSql"/> runs them all again on PostgreSQL.</summary>
    protected virtual DatabaseProvider Store => DatabaseProvider.Sqlite;

    private static readonly Actor Owner = TestServices.Owner;
    private TestServices _app = default!;
    private IncidentCommands _commands = default!;
    private IncidentQueries _queries = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(Store, seed: false);
        _commands = _app.Get<IncidentCommands>();
        _queries = _app.Get<IncidentQueries>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static IncidentInput Valid() => new()
    {
        Title = "Checkout latency spike",
        Organisation = "Payments",
        Severity = Severity.Sev2,
        Status = IncidentStatus.Monitoring,
        Started = "2026-01-10 08:00",
        Detected = "2026-01-10 08:07",
        Resolved = "2026-01-10 09:30",
        Summary = "p99 latency of checkout rose to 4 s.",
        Tags = "Payments, latency , payments",
        Sources = [new SourceInput { Title = "Status page", Url = "https://status.example.com/1" }],
    };

    [Fact]
    public async Task Creating_an_incident_stores_it_with_a_dated_slug()
    {
        var result = await _commands.CreateAsync(Owner, Valid());

        Assert.True(result.Succeeded);
        Assert.Equal("2026-01-10-checkout-latency-spike", result.Key);
        var detail = await _queries.GetAsync(Actor.System, result.Key!);
        Assert.NotNull(detail);
        Assert.Equal(TimeSpan.FromMinutes(7), detail.Phases.TimeToDetect);
        Assert.Equal(["payments", "latency"], detail.Tags);
        Assert.Equal("https://status.example.com/1", Assert.Single(detail.Sources).Url);
    }

    [Fact]
    public async Task Slugs_stay_unique_when_titles_repeat()
    {
        var first = await _commands.CreateAsync(Owner, Valid());
        var second = await _commands.CreateAsync(Owner, Valid());

        Assert.Equal(first.Key + "-2", second.Key);
    }

    [Fact]
    public async Task Required_fields_are_named_in_the_errors_and_nothing_is_written()
    {
        var input = Valid();
        input.Title = " ";
        input.Summary = "";
        input.Started = null;

        var result = await _commands.CreateAsync(Owner, input);

        Assert.False(result.Succeeded);
        Assert.Equal("Title is required.", result.Errors["Title"]);
        Assert.Equal("Summary is required.", result.Errors["Summary"]);
        Assert.Contains("started", result.Errors["Started"]);
        await using var db = _app.Database.CreateDbContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
    }

    [Fact]
    public async Task Phase_times_out_of_order_are_refused()
    {
        var input = Valid();
        input.Detected = "2026-01-10 07:00";

        var result = await _commands.CreateAsync(Owner, input);

        Assert.StartsWith("Detected (2026-01-10 07:00) is before started (2026-01-10 08:00)", result.Errors[IncidentValidator.PhasesField]);
    }

    [Fact]
    public async Task An_unreadable_time_names_the_field_and_the_format()
    {
        var input = Valid();
        input.Mitigated = "10/01/2026 9am";

        var result = await _commands.CreateAsync(Owner, input);

        Assert.Equal("Mitigated: '10/01/2026 9am' is not a UTC date and time (use YYYY-MM-DD HH:MM).", result.Errors["Mitigated"]);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/x")]
    [InlineData("not a url")]
    public async Task Only_http_and_https_source_links_are_accepted(string url)
    {
        var input = Valid();
        input.Sources[0].Url = url;

        var result = await _commands.CreateAsync(Owner, input);

        Assert.Contains("is not an http or https link", result.Errors["Sources[0].Url"]);
    }

    [Fact]
    public async Task Editing_saves_the_header_fields()
    {
        var slug = (await _commands.CreateAsync(Owner, Valid())).Key!;
        var (id, version, input) = (await _queries.GetForEditAsync(Actor.System, slug))!.Value;
        input.Status = IncidentStatus.Resolved;
        input.Sources.Add(new SourceInput { Title = "Postmortem", Url = "https://wiki.example.com/pm" });

        var result = await _commands.UpdateAsync(Owner, id, version, input);

        Assert.True(result.Succeeded);
        var detail = (await _queries.GetAsync(Actor.System, slug))!;
        Assert.Equal(IncidentStatus.Resolved, detail.Status);
        Assert.Equal(["Status page", "Postmortem"], detail.Sources.Select(s => s.Title));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_other_save_is_kept()
    {
        var slug = (await _commands.CreateAsync(Owner, Valid())).Key!;
        var (id, version, mine) = (await _queries.GetForEditAsync(Actor.System, slug))!.Value;
        var (_, sameVersion, theirs) = (await _queries.GetForEditAsync(Actor.System, slug))!.Value;
        theirs.Title = "Their title";
        Assert.True((await _commands.UpdateAsync(Owner, id, sameVersion, theirs)).Succeeded);

        mine.Title = "My title";
        var result = await _commands.UpdateAsync(Owner, id, version, mine);

        Assert.Equal(Outcome.Conflict, result.Outcome);
        var saved = (await _queries.GetAsync(Actor.System, slug))!;
        Assert.Equal("Their title", saved.Title);
        Assert.Equal(saved.Version, result.Version);
    }

    [Fact]
    public async Task Deleting_removes_the_incident_and_its_children()
    {
        var slug = (await _commands.CreateAsync(Owner, Valid())).Key!;
        var detail = (await _queries.GetAsync(Actor.System, slug))!;

        Assert.True((await _commands.DeleteAsync(Owner, detail.Id, detail.Version)).Succeeded);

        await using var db = _app.Database.CreateDbContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
        Assert.Equal(0, await db.IncidentSources.CountAsync());
        Assert.Equal(Outcome.NotFound, (await _commands.DeleteAsync(Owner, detail.Id, detail.Version)).Outcome);
    }
}

public sealed class IncidentCommandsTestsOnPostgreSql : IncidentCommandsTests
{
    protected override DatabaseProvider Store => DatabaseProvider.PostgreSQL;
}
