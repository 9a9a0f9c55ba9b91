using System.Globalization;
using System.Text.Json.Nodes;
using Bunit;
using CsvHelper;
using Dashboard.Data.Actions;
using Dashboard.Data.Review;
using Dashboard.Data.Seeding;
using Dashboard.Data.Incidents;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Incidents;
using Dashboard.Ui.Kit;
using Dashboard.Account;
using Dashboard.Api;

namespace Dashboard.Tests.Hostile;

/// <summary>Forms: deep Markdown that is stored and then shown, over-long text and out-of-range dates.</summary>
public sealed class HostileFormTests : MudTestContext
{
    private static IncidentInput Form(string summary = "Short summary.", string started = "2025-11-18 11:20") => new()
    {
        Title = "Hostile input", Organisation = "Test", Summary = summary, Started = started,
    };

    [Fact]
    public async Task Deep_markdown_saved_in_a_field_is_shown_as_text_and_the_incident_page_still_renders()
    {
        var deep = "Intro.\n\n" + string.Concat(Enumerable.Repeat("> ", 200)) + "quote";
        var created = await Services.GetRequiredService<IncidentCommands>().CreateAsync(TestServices.Owner, Form(summary: deep));
        Assert.True(created.Succeeded);

        var cut = Render<IncidentPage>(p => p.Add(x => x.Slug, created.Key!));

        cut.WaitForAssertion(() => Assert.Contains("Hostile input", cut.Find("[data-testid=incident-title]").TextContent));
        Assert.Contains("Shown as plain text: nesting deeper than 32 levels at line 3", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=error-boundary]"));
    }

    [Theory]
    [InlineData("9999-12-31 23:59")]
    [InlineData("0001-01-01 00:00")]
    [InlineData("1969-12-31 23:59")]
    [InlineData("2200-01-01 00:00")]
    public void A_date_outside_the_supported_years_is_a_field_error_not_a_crash_later(string started)
    {
        var (parsed, errors) = IncidentValidator.Validate(Form(started: started));

        Assert.Null(parsed);
        Assert.Contains("is not a UTC date and time", errors[nameof(IncidentInput.Started)]);
    }

    [Fact]
    public void Over_long_text_is_a_field_error_with_the_limit()
    {
        var form = Form(summary: new string('s', Limits.MarkdownLength + 1));
        form.Title = new string('t', Limits.TitleLength + 1);

        var (_, errors) = IncidentValidator.Validate(form);

        Assert.Contains($"{Limits.MarkdownLength}", errors[nameof(IncidentInput.Summary)]);
        Assert.Contains($"{Limits.TitleLength}", errors[nameof(IncidentInput.Title)]);
    }

    [Fact]
    public void Any_markdown_view_survives_text_markdig_cannot_take()
    {
        var cut = Render<MarkdownView>(p => p.Add(x => x.Text, string.Concat(Enumerable.Repeat("- ", 150)) + "x <script>alert(1)</script>"));

        Assert.Contains("nesting deeper than 32 levels at line 1", cut.Markup);
        Assert.DoesNotContain("<script>", cut.Markup);
    }
}

/// <summary>Seed files, chat pastes, the CSV export and the review, each fed what hurts it.</summary>
public sealed class HostileDataTests : IDisposable
{
    private readonly SeedFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<SeedReport> SeedAsync()
    {
        await using var app = await TestServices.CreateAsync(seed: false);
        await app.Get<Seeder>().RunAsync(_folder.Path);
        return app.Get<SeedReport>();
    }

    public static TheoryData<string, string> SeedAttacks => new()
    {
        { "deep JSON", "malformed JSON" },
        { "year 9999", "is not an ISO 8601 time" },
        { "year 1 with an offset", "is not an ISO 8601 time" },
        { "wrong type", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(SeedAttacks))]
    public async Task A_hostile_seed_file_is_rejected_whole_with_a_reason_and_the_others_import(string attack, string reason)
    {
        var doc = JsonNode.Parse(_folder.Read("2025-11-18-cloudflare.json"))!.AsObject();
        var firstEvent = doc["timeline"]!.AsArray()[0]!.AsObject();
        var text = attack switch
        {
            "deep JSON" => doc.ToJsonString().Replace("\"tags\":[", "\"tags\":[" + new string('[', 5000) + new string(']', 5000) + ","),
            "year 9999" => Set(doc, firstEvent, "at", "9999-12-31T23:59:59Z"),
            "year 1 with an offset" => Set(doc, firstEvent, "at", "0001-01-01T00:00:00+14:00"),
            _ => doc.ToJsonString().Replace("\"timeline\":[", "\"timeline\":\"not a list\",\"x\":["),
        };
        _folder.Write("2025-11-18-cloudflare.json", text);

        var report = await SeedAsync();

        var rejected = Assert.Single(report.Rejected, f => f.FileName == "2025-11-18-cloudflare.json");
        Assert.Contains(rejected.Problems, p => p.Contains(reason, StringComparison.OrdinalIgnoreCase));
        // 5 December links to 18 November as its repeat, so it is refused with it, for that link alone; the other four import.
        Assert.StartsWith("links[0].slug: there is no incident", Assert.Single(Assert.Single(report.Rejected, f => f.FileName == "2025-12-05-cloudflare.json").Problems));
        Assert.Equal(4, report.Files.Count(f => f.Outcome == SeedOutcome.Imported && f.FileName != "services.json"));
    }

    private static string Set(JsonObject root, JsonObject target, string key, string? value)
    {
        target[key] = value;
        return root.ToJsonString();
    }

    public static TheoryData<string> PathologicalPastes => new()
    {
        string.Join("\n", Enumerable.Repeat("Alice" + new string(' ', 3_000) + "Smith" + new string(' ', 1_000) + "11:28 AM", 200)),
        string.Join("\n", Enumerable.Repeat("[" + new string('[', 10_000), 50)),
        string.Join("\n", Enumerable.Repeat("11:28 " + new string(':', 50_000), 20)),
        string.Join("\n", Enumerable.Repeat("2025-11-18T11:28:00+99:99 " + new string('x', Limits.EventTextLength + 1), 100)),
        new string('\n', 100_000) + "11:28 late line",
        string.Join("\r", Enumerable.Range(0, 5_000).Select(i => $"{i % 24}:{i % 60:00} \u202E\0\uFEFF text {i}")),
    };

    [Theory]
    [MemberData(nameof(PathologicalPastes))]
    public void Pathological_paste_lines_each_become_an_error_or_an_event(string paste)
    {
        var lines = ChatLogParser.Parse(paste, new DateOnly(2025, 11, 18));

        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.Status == ParsedLineStatus.Ok ? l.OccurredAt is not null : l.Error is { Length: > 0 }));
        Assert.All(lines.Where(l => l.Status == ParsedLineStatus.Ok), l => Assert.InRange(l.Text!.Length, 1, Limits.EventTextLength));
    }

    [Fact]
    public async Task An_over_size_paste_is_refused_by_its_length_before_a_byte_is_read()
    {
        var paste = new TextStream(new byte[Limits.ChatPasteBytes + 1]);

        var read = await BrowserInterop.ReadTextAsync(paste, Limits.ChatPasteBytes);

        Assert.Null(read.Text);
        Assert.Equal(Limits.ChatPasteBytes + 1, read.Bytes);
        Assert.False(paste.Opened);
    }

    private static ActionRow Row(string title, string? owner) => new(
        7, 3, "slug", "incident, \"quoted\"\nwith a break", title, "line one\r\nline two", owner, "\t=team",
        ActionPriority.P1, ActionKind.Prevent, ActionStatus.Open, null, new DateOnly(2026, 1, 10),
        new DateTime(2026, 1, 2, 8, 30, 0, DateTimeKind.Utc), null, "https://tracker.example.com/a,b", false, Guid.Empty);

    [Fact]
    public async Task Csv_cells_with_formulas_separators_quotes_and_line_breaks_read_back_as_the_same_inert_text()
    {
        string[] titles = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "a,b;c", "say \"hi\"", "two\nlines", "ok"];
        var writer = new StringWriter();
        await ActionCsv.WriteAsync(titles.Select(t => Row(t, owner: "=cmd|' /C calc'!A0")), new DateOnly(2026, 1, 15), writer);

        using var csv = new CsvReader(new StringReader(writer.ToString()), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync()) rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());

        Assert.Equal(titles.Length + 1, rows.Count); // header + one row each: no break or separator split a row
        Assert.All(rows, r => Assert.Equal(ActionCsv.Header.Length, r.Length));
        var titleColumn = Array.IndexOf(ActionCsv.Header, "title");
        Assert.Equal(titles.Select(SpreadsheetCsv.Neutralise), rows.Skip(1).Select(r => r[titleColumn]));
        Assert.All(rows.Skip(1).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', cell));
    }

    [Fact]
    public async Task The_review_with_every_incident_in_the_future_and_a_range_from_1970_builds_months_only_over_the_data()
    {
        await using var app = await TestServices.CreateAsync(seed: true);
        var before = new ReviewQueries(app.Database, new FixedClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), AggregateCache.PassThrough); // every seeded incident is later

        var future = await before.GetAsync(Actor.System, new ReviewQuery());
        var wide = await app.Get<ReviewQueries>().GetAsync(Actor.System, new ReviewQuery(
            From: new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(6, future.Incidents);
        Assert.Equal(new DateOnly(2024, 7, 1), future.Months[0].Month);
        Assert.Equal(new DateOnly(2025, 12, 1), future.Months[^1].Month); // the last seeded incident's month
        Assert.Equal(new DateOnly(2024, 7, 1), wide.Months[0].Month);
        Assert.Equal(new DateOnly(2026, 1, 1), wide.Months[^1].Month); // up to "now", not to 2199
    }
}
