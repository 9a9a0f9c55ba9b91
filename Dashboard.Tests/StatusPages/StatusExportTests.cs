using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Dashboard.Data;
using Dashboard.Data.Seeding;
using Dashboard.Data.StatusPages;
using Dashboard.Host.CommandLine;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.StatusPages;

/// <summary>`status-pages export PAGE DIR --url URL` against a real database file, with no web host running.</summary>
public sealed class StatusExportTests : IAsyncLifetime
{
    private CliDatabase _db = default!;
    private ServiceProvider _services = default!;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ib-status-export-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        _db = await CliDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _services = new ServiceCollection().AddLogging().AddIncidentBoardData(_db.Options).BuildServiceProvider();
        await using (var db = await _services.GetRequiredService<IDbContextFactory<IncidentBoardDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        await _services.GetRequiredService<Seeder>().RunAsync(RepoPaths.SeedData);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await StatusPagesCommandLine.RunAsync(["status-pages", .. args, .. _db.Settings], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_writes_the_page_its_feeds_and_JSON_as_static_files_with_nothing_unpublished()
    {
        var pages = _services.GetRequiredService<StatusPageCommands>();
        Assert.True((await pages.CreateAsync(TestServices.Owner, StatusPageRig.Page())).Succeeded);
        Assert.True((await pages.CreateAsync(TestServices.Owner, StatusPageRig.Page("staff", StatusAudience.Internal))).Succeeded);
        var published = await _services.IncidentAsync("INTERNAL-TITLE exported");
        await _services.PublishedAsync(published, StatusPageRig.Update());
        var hidden = await _services.IncidentAsync("PRIVATE-breach exported", isPrivate: true);
        await _services.GetRequiredService<StatusUpdateCommands>().DraftAsync(TestServices.Owner, hidden, StatusPageRig.Update(title: "DRAFT-private"));

        var run = await RunAsync("export", "public", _dir, "--url", "https://status.example.com/");

        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("Wrote 14 files", run.Out);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "index.html"));
        Assert.Contains("Elevated errors on the key-value store", html);
        Assert.Contains("href=\"status.css\"", html);
        Assert.True(File.Exists(Path.Combine(_dir, "status.css")));
        using (var reader = XmlReader.Create(Path.Combine(_dir, "feed.atom")))
            Assert.Equal("https://status.example.com/#i" + published, Assert.Single(SyndicationFeed.Load(reader).Items).Links[0].Uri.ToString());
        var summary = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_dir, "api/v2/summary.json"))).RootElement;
        Assert.Equal("major", summary.GetProperty("status").GetProperty("indicator").GetString());
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            foreach (var secret in new[] { "INTERNAL-TITLE", "PRIVATE-breach", "DRAFT-private", StatusPageRig.Secret, "cf-workers-kv", "Workers KV", "olivia" })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} shows {secret}");
        }

        var refused = await RunAsync("export", "staff", _dir + "-staff", "--url", "https://status.example.com/");
        Assert.Equal(1, refused.Code);
        Assert.Contains("only public pages are exported", refused.Error);
        Assert.Equal(2, (await RunAsync("export", "public", _dir)).Code);
    }

    [Fact]
    public async Task Export_carries_the_published_public_postmortem_but_not_its_draft_or_the_internal_postmortem()
    {
        Assert.True((await _services.GetRequiredService<StatusPageCommands>().CreateAsync(TestServices.Owner, StatusPageRig.Page())).Succeeded);
        var incident = await _services.IncidentAsync("INTERNAL-TITLE exported");
        await _services.PublishedAsync(incident, StatusPageRig.Update());
        await _services.InternalPostmortemAsync(incident, "INTERNAL-PM exported");
        await _services.PublicPostmortemAsync(incident, "PUBLIC-PM *what* we learned");
        await _services.PostmortemDraftAsync(incident, "DRAFT-PM exported");

        var run = await RunAsync("export", "public", _dir, "--url", "https://status.example.com/");

        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("PUBLIC-PM <em>what</em> we learned", await File.ReadAllTextAsync(Path.Combine(_dir, "index.html")));
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            foreach (var secret in new[] { "INTERNAL-PM", "DRAFT-PM", StatusPageRig.Secret })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} shows {secret}");
        }
    }
}
