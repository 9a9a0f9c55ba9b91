using System.Text.Json.Nodes;
using CsCheck;
using Dashboard.Data.Postmortems;
using Dashboard.Data.Seeding;
using Dashboard.Data.Timeline;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Primitives;
using Dashboard.Review;
using Dashboard.Ui.Kit;

namespace Dashboard.Tests.Hostile;

/// <summary>
/// Thousands of random and adversarial inputs per reader. Each must answer with a value or its
/// documented validation result (an error line, an error text, false, a problem): any other
/// exception fails the property, and CsCheck shrinks it to the smallest input that throws.
/// </summary>
public class PropertyTests
{
    private const int Iterations = 3_000;

    [Fact]
    public void The_chat_log_parser_answers_every_paste_with_ok_or_error_lines()
    {
        HostileGen.Text.Sample(text =>
        {
            var lines = ChatLogParser.Parse(text, new DateOnly(2025, 11, 18));
            foreach (var line in lines)
            {
                if (line.Status == ParsedLineStatus.Ok) Assert.True(line.OccurredAt is { Kind: DateTimeKind.Utc } && line.Text is not null && line.Error is null);
                else Assert.False(string.IsNullOrWhiteSpace(line.Error));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void The_import_preview_over_a_real_timeline_classifies_every_line()
    {
        var at = new DateTime(2025, 11, 18, 11, 0, 0, DateTimeKind.Utc);
        var context = new TimelineContext(new PhaseTimes(at, at, null, null, null, null), at, [(1, at, "existing")]);
        HostileGen.Text.Sample(text =>
        {
            var preview = ImportPreview.Build(text, context);
            Assert.All(preview.Rows, r => Assert.True(r.Flag != ImportFlag.Error || r.Message is not null));
        }, iter: Iterations);
    }

    [Fact]
    public void The_front_matter_reader_gives_a_document_or_an_error_for_any_file()
    {
        var files = Gen.Frequency((1, HostileGen.Text), (3, HostileGen.Text.Select(t => "---\n" + t + "\n---\n" + t)));
        files.Sample(content =>
        {
            var (document, _, error) = FrontMatter.Read(content);
            Assert.True(document is null != (error is null), $"document {document is not null}, error {error}");
        }, iter: Iterations);
    }

    [Fact]
    public void The_yaml_structure_check_names_a_problem_or_passes_for_any_yaml()
    {
        HostileGen.Text.Sample(yaml => Assert.True(FrontMatterReader.CheckStructure(yaml) is null or { Length: > 0 }), iter: Iterations);
    }

    [Theory]
    [InlineData("!<%%> x")] // YamlDotNet: "Global tags must be valid URIs" (ArgumentException), as seed aWq70m8WZxb2 found
    [InlineData("title: !<a b> x")]
    public void A_tag_that_is_not_a_uri_is_named_as_bad_yaml_not_a_crash(string yaml)
    {
        Assert.False(string.IsNullOrEmpty(FrontMatterReader.CheckStructure(yaml)));
    }

    [Fact]
    public void The_markdown_renderer_renders_or_shows_text_with_a_problem_and_never_emits_markup_from_the_text()
    {
        var renderer = new MarkdownRenderer();
        HostileGen.Text.Sample(text =>
        {
            var result = renderer.Render(text);
            Assert.True(result.Problem is null or { Length: > 0 });
            Assert.DoesNotContain("<script", result.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"javascript:", result.Html, StringComparison.OrdinalIgnoreCase);
        }, iter: Iterations);
    }

    [Fact]
    public void The_utc_time_parsers_answer_true_with_a_utc_time_or_false()
    {
        var times = Gen.Frequency((1, HostileGen.Text), (2, Gen.String[Gen.Char["0123456789-:T Z+.UTC"], 0, 40]));
        times.Sample(text =>
        {
            if (UtcTime.TryParseTyped(text, out var typed) && typed is { } t) Assert.Equal(DateTimeKind.Utc, t.Kind);
            if (UtcTime.TryParseIso(text, out var iso)) Assert.Equal(DateTimeKind.Utc, iso.Kind);
        }, iter: Iterations);
    }

    [Fact]
    public void The_review_query_string_gives_a_filter_whose_query_can_always_be_built()
    {
        var keys = Gen.OneOf(Gen.Const("period"), Gen.Const("from"), Gen.Const("to"), Gen.Const("severity"), Gen.Const("organisation"),
            Gen.Const("service"), Gen.Const("FROM"), HostileGen.AnyText);
        var values = Gen.Frequency((2, HostileGen.Text), (2, Gen.String[Gen.Char["0123456789-"], 0, 12]),
            (1, Gen.OneOf(Gen.Const("Custom"), Gen.Const("AllTime"), Gen.Const("Sev1"), Gen.Const("9999-12-31"), Gen.Const("0001-01-01"))));
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        Gen.Select(keys, values).Array[0, 8].Sample(pairs =>
        {
            var query = pairs.GroupBy(p => p.Item1).Select(g => new KeyValuePair<string, StringValues>(g.Key, g.Select(p => p.Item2).ToArray()));
            var filter = ReviewFilter.FromQuery(query);
            var built = filter.ToQuery(now);
            Assert.True(filter.From is null || UtcTime.IsInRange(filter.From.Value));
            Assert.True(filter.To is null || UtcTime.IsInRange(filter.To.Value));
            Assert.True(built.From is null || built.To is null || built.From < built.To);
            Assert.NotNull(ReviewFilter.FromUri("http://localhost/review" + filter.ToQueryString()));
        }, iter: Iterations);
    }

    private static readonly string SeedJson = File.ReadAllText(Path.Combine(RepoPaths.SeedData, "2025-11-18-cloudflare.json"));

    private static readonly JsonNode?[] HostileValues =
    [
        null, JsonValue.Create(""), JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1e300), JsonValue.Create(true),
        JsonValue.Create("9999-12-31T23:59:59Z"), JsonValue.Create("0001-01-01T00:00:00+14:00"), JsonValue.Create("2025-11-18T11:28:00"),
        JsonValue.Create(new string('x', 5000)), JsonValue.Create("javascript:alert(1)"), JsonValue.Create("\0\uD800"), new JsonArray(), new JsonObject(),
        new JsonArray(new JsonArray(new JsonArray())), JsonValue.Create("sev9"), JsonValue.Create("no-such-service"),
    ];

    [Fact]
    public async Task The_seed_reader_and_validator_give_an_incident_or_named_problems_for_any_mutation_of_a_real_file()
    {
        using var folder = new SeedFolder();
        var path = Path.Combine(folder.Path, "mutated.json");
        var nodeCount = JsonNode.Parse(SeedJson)!.AsObject().DescendantsAndSelf().Count();
        var mutations = Gen.Select(Gen.Int[0, nodeCount - 1], Gen.Int[0, HostileValues.Length - 1]).Array[1, 4];
        var textCuts = Gen.Select(Gen.Int[0, SeedJson.Length - 1], Gen.Int[0, 40], HostileGen.Text);

        var utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false); // a lone surrogate becomes U+FFFD
        var rawBytes = Gen.Select(Gen.Int[0, SeedJson.Length - 1], Gen.Byte.Array[1, 16])
            .Select(b => (byte[])[.. utf8.GetBytes(SeedJson[..b.Item1]), .. b.Item2, .. utf8.GetBytes(SeedJson[b.Item1..])]);

        await Gen.Frequency((3, mutations.Select(m => utf8.GetBytes(Mutate(m)))), (1, textCuts.Select(c => utf8.GetBytes(Splice(c.Item1, c.Item2, c.Item3)))),
                (1, rawBytes))
            .SampleAsync(async bytes =>
            {
                await File.WriteAllBytesAsync(path, bytes);
                var (document, _, error) = await SeedFileReader.ReadAsync<IncidentDocument>(path, CancellationToken.None);
                Assert.True(document is null != (error is null));
                if (document is null) return;
                var (incident, errors) = IncidentSeedValidator.Validate(document, new Dictionary<string, int> { ["cf-bot-management"] = 1 },
                    new HashSet<string>(), FixedClock.Default.GetUtcNow().UtcDateTime);
                Assert.True(incident is null == errors.Any);
            }, iter: 1_500, threads: 1); // one file, rewritten each time
    }

    private static string Mutate((int Node, int Value)[] mutations)
    {
        var root = JsonNode.Parse(SeedJson)!;
        foreach (var (node, value) in mutations)
        {
            var target = root.AsObject().DescendantsAndSelf().ElementAtOrDefault(node);
            if (target?.Parent is JsonObject parent) parent[target.GetPropertyName()] = HostileValues[value]?.DeepClone();
            else if (target?.Parent is JsonArray array) array[target.GetElementIndex()] = HostileValues[value]?.DeepClone();
        }
        return root.ToJsonString();
    }

    private static string Splice(int at, int remove, string insert) =>
        SeedJson[..at] + insert + SeedJson[Math.Min(SeedJson.Length, at + remove)..];
}

internal static class JsonNodeWalk
{
    /// <summary>Every node under (and including) this one, depth first; nulls in arrays are skipped.</summary>
    public static IEnumerable<JsonNode> DescendantsAndSelf(this JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in child.DescendantsAndSelf())
                yield return d;
    }
}
