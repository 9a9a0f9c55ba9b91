using Dashboard.Data.Postmortems;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Hostile;

/// <summary>Postmortem files built to hurt: YAML tricks, sizes past the limits, broken front matter. Each is refused whole.</summary>
public sealed class HostileImportTests : IAsyncLifetime
{
    private static readonly Actor Owner = TestServices.Owner;
    private TestServices _app = default!;
    private PostmortemFiles _files = default!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(seed: true);
        _files = _app.Get<PostmortemFiles>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A refused file names its one problem under the empty field name: it is about the whole input.</summary>
    private static string OnlyProblem(CommandResult result)
    {
        var (field, problem) = Assert.Single(result.Errors);
        Assert.Equal("", field);
        return problem;
    }

    private async Task<int> IncidentCountAsync()
    {
        await using var db = _app.Database.CreateDbContext();
        return await db.Incidents.CountAsync();
    }

    private async Task<string> ExportAsCopyAsync() =>
        (await _files.ExportMarkdownAsync(Actor.System, "2025-11-18-cloudflare-bot-management"))!.Content
            .Replace("slug: 2025-11-18-cloudflare-bot-management", "slug: hostile-copy");

    public static TheoryData<string, string> YamlTricks => new()
    {
        { "---\nformatVersion: 1\nslug: x\ntags: [*e, *e, *e]\n---\n", "front matter, line 4: aliases (*name) are not accepted" },
        { "---\nformatVersion: &v 1\nslug: x\n---\n", "front matter, line 2: anchors (&name) are not accepted" },
        { "---\nformatVersion: 1\nslug: !custom x\n---\n", "front matter, line 3: the tag !custom is not accepted" },
        { "---\nformatVersion: !!int 1\n---\n", "front matter, line 2: the tag tag:yaml.org,2002:int is not accepted" },
        { "---\nformatVersion: 1\ntags: [[[[[[[[[[x]]]]]]]]]]\n---\n", "front matter, line 3: nesting deeper than 8 levels" },
        { "---\nformatVersion: 1\nslug: [unclosed\n---\n", "front matter, line" },
        { "---\n---\nbody", "the front matter is empty" },
        { "", "line 1: the file must start with YAML front matter" },
        { "\uFEFF---\nformatVersion: 1", "the front matter is not closed" },
    };

    [Theory]
    [MemberData(nameof(YamlTricks))]
    public async Task Yaml_tricks_and_broken_front_matter_are_refused_and_nothing_is_written(string content, string expected)
    {
        var before = await IncidentCountAsync();

        var result = await _files.ImportAsync(Owner, content);

        Assert.False(result.Succeeded);
        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.StartsWith(expected, OnlyProblem(result));
        Assert.Equal(before, await IncidentCountAsync());
    }

    [Fact]
    public async Task An_alias_that_would_multiply_timeline_rows_in_a_real_export_is_refused()
    {
        var file = await ExportAsCopyAsync();
        var aliased = file.Replace("timeline:\n- ", "timeline:\n- &e ") // anchor the first event…
            .Replace("\nactions:", "\n" + string.Concat(Enumerable.Repeat("- *e\n", 1000)) + "actions:"); // …and repeat it

        var result = await _files.ImportAsync(Owner, aliased);

        Assert.Contains("anchors (&name) are not accepted", OnlyProblem(result));
        Assert.True((await _files.ImportAsync(Owner, file)).Succeeded); // the same file without the trick goes in
    }

    [Fact]
    public async Task A_body_past_the_limit_is_refused_while_reading_the_stream()
    {
        var file = await ExportAsCopyAsync() + new string('x', Limits.PostmortemLength + 1);
        using var reader = new StringReader(file);

        var result = await _files.ImportAsync(Owner, reader);

        Assert.Equal("the postmortem text is longer than 1,000,000 characters, the limit", OnlyProblem(result));
    }

    [Fact]
    public async Task The_streamed_import_reads_crlf_files_like_the_export()
    {
        var file = (await ExportAsCopyAsync()).Replace("\n", "\r\n");
        using var reader = new StringReader(file);

        var result = await _files.ImportAsync(Owner, reader);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        Assert.Equal("hostile-copy", result.Key);
        await using var db = _app.Database.CreateDbContext();
        var body = await db.Incidents.Where(i => i.Slug == "hostile-copy").Select(i => i.PostmortemMarkdown).SingleAsync();
        Assert.DoesNotContain("\r", body);
        Assert.StartsWith("# Postmortem", body);
    }
}
