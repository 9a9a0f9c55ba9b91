using System.Text.Json;
using Dashboard.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Search;

/// <summary>A piece of a snippet: text as written, and whether it is a matched word.</summary>
public sealed record SnippetPart(string Text, bool IsMatch);

/// <summary>Where in an incident the words matched, and the words around them.</summary>
public sealed record SearchHit(SearchSource Source, IReadOnlyList<SnippetPart> Snippet);

/// <summary>One incident that matched, best first, with its best few hits.</summary>
public sealed record SearchResult(string Slug, string Title, Severity Severity, IncidentStatus Status, string Organisation,
    DateTime? StartedAt, bool IsPrivate, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// The answer to a search: the results, or why the text could not be searched (<see cref="Error"/>, no results).
/// <see cref="NewestFirst"/>: so many timeline events, factors and actions matched that this many of the newest
/// were taken, newest first, instead of ranked (the page and the API say so); null when every match was ranked.
/// </summary>
public sealed record SearchAnswer(string Query, string? Error, IReadOnlyList<SearchResult> Results, int? NewestFirst = null)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Full-text search over everything written about incidents: titles and summaries, postmortems,
/// timeline events, contributing factors and actions (the index <see cref="SearchIndexSql"/> keeps).
/// Ranked by the store (SQLite bm25, PostgreSQL ts_rank; titles weigh more than bodies, and a match
/// in the incident's own title and summary counts <see cref="IncidentWeight"/> times: FTS5's bm25
/// measures each column against its average length, and most rows have no title), with
/// highlighted snippets (snippet(), ts_headline). The read rule for private incidents is part of the
/// ranking query itself (<see cref="Visibility.OutsideHiddenIncidents"/>), so a hidden incident is never
/// a row, a count or a snippet.
/// Of the records (events, factors, actions), which grow without bound, at most <see cref="DefaultRankedRecords"/>
/// are ranked: when more of them match, the newest that many are the answer, newest first, and the answer says
/// so (<see cref="SearchAnswer.NewestFirst"/>). A word written in every timeline event matches half a million
/// records, and ranking them all to show 20 incidents took 53 times the incidents list's first page on SQLite
/// (10.6 on PostgreSQL); for such a word recency says more than a rank that barely differs.
/// </summary>
public sealed class FullTextSearch(IDbContextFactory<IncidentBoardDbContext> dbFactory, int rankedRecords = FullTextSearch.DefaultRankedRecords)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int DefaultRankedRecords = 2_000;
    private const int HitsPerIncident = 3;
    private const double IncidentWeight = 4.0;
    // Marks the store puts around matched words; control characters, so no written text looks like them.
    private const char MatchStart = '\u0002', MatchEnd = '\u0003';

    public async Task<SearchAnswer> SearchAsync(Actor viewer, string? text, int limit = DefaultLimit, CancellationToken ct = default)
    {
        var (query, error) = SearchText.Parse(text);
        if (query is null) return new SearchAnswer((text ?? "").Trim(), error, []);
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = ProviderSql.For(db.Database) == ProviderSql.PostgreSql;

        // 1. The best incidents by their best text, among those the viewer sees (the read rule inside
        //    each query), with their best few texts. The incidents' own texts first, all ranked (two per
        //    incident at most); the records (events, factors, actions) only when those leave room on the page.
        var byIncident = new List<(int IncidentId, List<long> Keys)>();
        void Add(IEnumerable<MatchRow> texts)
        {
            var found = byIncident.Select(r => r.IncidentId).ToHashSet();
            byIncident.AddRange(texts.Where(m => !found.Contains(m.IncidentId)).GroupBy(m => m.IncidentId)
                .Select(g => (IncidentId: g.Key, Texts: g.OrderByDescending(m => m.Score).ThenBy(m => m.Key).ToList()))
                .OrderByDescending(g => g.Texts[0].Score).ThenBy(g => g.IncidentId)
                .Take(limit - byIncident.Count)
                .Select(g => (g.IncidentId, g.Texts.Take(HitsPerIncident).Select(m => m.Key).ToList())));
        }
        // Every text is ranked once and grouped here: grouping in SQL and then fetching the best incidents'
        // texts had the store rank every text twice.
        Add(await (postgres ? PostgreSqlMatches(db, query, true) : SqliteMatches(db, query, true)).OutsideHiddenIncidents(db.Incidents, viewer, m => m.IncidentId).ToListAsync(ct));
        int? newestFirst = null;
        if (byIncident.Count < limit)
        {
            // The newest matches, found by walking the index newest first, no ranking: beyond rankedRecords
            // they are the answer, newest first (bm25 weighs a word against every text that holds it: 12 ms
            // for a word in each of 500,000 events, before ranking any).
            var newest = await (postgres ? PostgreSqlRecordKeys(db, query) : SqliteRecordKeys(db, query))
                .OutsideHiddenIncidents(db.Incidents, viewer, m => m.IncidentId)
                .OrderByDescending(m => m.Key).Take(rankedRecords + 1).ToListAsync(ct);
            if (newest.Count > rankedRecords)
            {
                newestFirst = rankedRecords;
                Add(newest.Take(rankedRecords).Select(k => new MatchRow { Key = k.Key, IncidentId = k.IncidentId, Score = k.Key }));
            }
            else if (newest.Count > 0)
                Add(await (postgres ? PostgreSqlMatches(db, query, false) : SqliteMatches(db, query, false)).OutsideHiddenIncidents(db.Incidents, viewer, m => m.IncidentId).ToListAsync(ct));
        }
        if (byIncident.Count == 0) return new SearchAnswer(query.ToString(), null, [], newestFirst);

        // 2. The incidents' headers (the same rule again: these ids came from a query that applied it).
        var ids = byIncident.Select(r => r.IncidentId).ToList();
        var incidents = await db.Incidents.AsNoTracking().VisibleTo(viewer).Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Slug, i.Title, i.Severity, i.Status, i.Organisation, Started = i.StartedAt ?? i.TriggeredAt, i.IsPrivate })
            .ToDictionaryAsync(i => i.Id, ct);

        // 3. Snippets, only for the texts shown.
        var keys = byIncident.SelectMany(r => r.Keys).ToArray();
        var snippets = postgres
            ? await PostgreSqlSnippets(db, query, keys).ToListAsync(ct)
            : [.. await SqliteSnippets(db, query, true, [.. keys.Where(IsIncidentText)]).ToListAsync(ct),
               .. await SqliteSnippets(db, query, false, [.. keys.Where(k => !IsIncidentText(k))]).ToListAsync(ct)];
        var snippetOf = snippets.ToDictionary(s => s.Key, s => s.Snippet ?? "");

        var results = byIncident.Where(r => incidents.ContainsKey(r.IncidentId)).Select(r =>
        {
            var i = incidents[r.IncidentId];
            var hits = r.Keys.Select(k => new SearchHit((SearchSource)(k % SearchIndexSql.KeyFactor), Parts(snippetOf.GetValueOrDefault(k, "")))).ToList();
            return new SearchResult(i.Slug, i.Title, i.Severity, i.Status, i.Organisation, i.Started, i.IsPrivate, hits);
        }).ToList();
        return new SearchAnswer(query.ToString(), null, results, newestFirst);
    }

    private static bool IsIncidentText(long key) => key % SearchIndexSql.KeyFactor is (int)SearchSource.Incident or (int)SearchSource.Postmortem;

    // The table names and the partial indexes' predicates are written out, not interpolated: an
    // interpolated value is a parameter, and PostgreSQL only uses a partial index for a query that states its condition.
    // Without a rank the match query is flattened into the one around it, so FTS5 walks its rowids newest
    // first and stops at the limit, and PostgreSQL walks the key's index backwards (the records hold the top of the key range).
    private static IQueryable<KeyRow> SqliteRecordKeys(IncidentBoardDbContext db, SearchText query) =>
        db.Database.SqlQuery<KeyRow>($"""SELECT rowid AS "Key", "IncidentId" FROM "SearchRecords" WHERE "SearchRecords" MATCH {query.ToFts5()}""");

    private static IQueryable<KeyRow> PostgreSqlRecordKeys(IncidentBoardDbContext db, SearchText query) => db.Database.SqlQuery<KeyRow>($"""
        SELECT d."Key", d."IncidentId" FROM "SearchDocuments" AS d WHERE d."Document" @@ to_tsquery('english', {query.ToTsQuery()}) AND d."Key" % 8 >= 2
        """);

    // SQLite's "LIMIT -1" (no limit) keeps the query a subquery of its own: flattened into the
    // grouping query around it, bm25() would be called where FTS5 refuses it ("unable to use function bm25").
    // An incident's own texts are keyed by its id (id × 8 + source), so SQLite reads the id from the key, not
    // from the row behind the postmortem's text.
    private static IQueryable<MatchRow> SqliteMatches(IncidentBoardDbContext db, SearchText query, bool incidentTexts) => incidentTexts
        ? db.Database.SqlQuery<MatchRow>($"""
            SELECT rowid AS "Key", rowid / 8 AS "IncidentId", -bm25("SearchIndex", 5.0, 1.0) * (CASE WHEN rowid % 8 = 0 THEN {IncidentWeight} ELSE 1.0 END) AS "Score"
            FROM "SearchIndex" WHERE "SearchIndex" MATCH {query.ToFts5()} LIMIT -1
            """)
        : db.Database.SqlQuery<MatchRow>($"""
            SELECT rowid AS "Key", "IncidentId", -bm25("SearchRecords", 5.0, 1.0) AS "Score"
            FROM "SearchRecords" WHERE "SearchRecords" MATCH {query.ToFts5()} LIMIT -1
            """);

    private static IQueryable<MatchRow> PostgreSqlMatches(IncidentBoardDbContext db, SearchText query, bool incidentTexts) => incidentTexts
        ? db.Database.SqlQuery<MatchRow>($"""
            SELECT d."Key", d."IncidentId", ts_rank(d."Document", q.query)::float8 * (CASE WHEN d."Key" % 8 = 0 THEN {IncidentWeight} ELSE 1.0 END) AS "Score"
            FROM "SearchDocuments" AS d, to_tsquery('english', {query.ToTsQuery()}) AS q(query)
            WHERE d."Document" @@ q.query AND d."Key" % 8 < 2
            """)
        : db.Database.SqlQuery<MatchRow>($"""
            SELECT d."Key", d."IncidentId", ts_rank(d."Document", q.query)::float8 AS "Score"
            FROM "SearchDocuments" AS d, to_tsquery('english', {query.ToTsQuery()}) AS q(query)
            WHERE d."Document" @@ q.query AND d."Key" % 8 >= 2
            """);

    private static IQueryable<SnippetRow> SqliteSnippets(IncidentBoardDbContext db, SearchText query, bool incidentTexts, long[] keys) => incidentTexts
        ? db.Database.SqlQuery<SnippetRow>($"""
            SELECT rowid AS "Key", snippet("SearchIndex", -1, char(2), char(3), '…', 24) AS "Snippet"
            FROM "SearchIndex" WHERE "SearchIndex" MATCH {query.ToFts5()} AND rowid IN (SELECT value FROM json_each({JsonSerializer.Serialize(keys)}))
            """)
        : db.Database.SqlQuery<SnippetRow>($"""
            SELECT rowid AS "Key", snippet("SearchRecords", -1, char(2), char(3), '…', 24) AS "Snippet"
            FROM "SearchRecords" WHERE "SearchRecords" MATCH {query.ToFts5()} AND rowid IN (SELECT value FROM json_each({JsonSerializer.Serialize(keys)}))
            """);

    private static IQueryable<SnippetRow> PostgreSqlSnippets(IncidentBoardDbContext db, SearchText query, long[] keys) => db.Database.SqlQuery<SnippetRow>($"""
        SELECT d."Key", ts_headline('english', concat_ws(' — ', NULLIF(d."Title", ''), d."Body"), to_tsquery('english', {query.ToTsQuery()}),
            {$"StartSel={MatchStart}, StopSel={MatchEnd}, MinWords=10, MaxWords=28, MaxFragments=2, FragmentDelimiter=\" … \""}) AS "Snippet"
        FROM "SearchDocuments" AS d WHERE d."Key" = ANY({keys})
        """);

    /// <summary>The store's marked snippet as plain pieces, so the page and the API never treat written text as markup.</summary>
    internal static IReadOnlyList<SnippetPart> Parts(string snippet)
    {
        var parts = new List<SnippetPart>();
        var match = false;
        var start = 0;
        for (var i = 0; i <= snippet.Length; i++)
        {
            if (i < snippet.Length && snippet[i] != MatchStart && snippet[i] != MatchEnd) continue;
            if (i > start) parts.Add(new SnippetPart(snippet[start..i], match));
            if (i < snippet.Length) match = snippet[i] == MatchStart;
            start = i + 1;
        }
        return parts;
    }

    private sealed class KeyRow
    {
        public long Key { get; set; }
        public int IncidentId { get; set; }
    }

    private sealed class MatchRow
    {
        public long Key { get; set; }
        public int IncidentId { get; set; }
        public double Score { get; set; }
    }

    private sealed class SnippetRow
    {
        public long Key { get; set; }
        public string? Snippet { get; set; }
    }
}
