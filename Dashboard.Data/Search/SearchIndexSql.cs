namespace Dashboard.Data.Search;

/// <summary>
/// What a row of the full-text index was written from. The index key is the source row's id × 8 +
/// this number, so a trigger finds its own row by key (FTS5's rowid, the PostgreSQL primary key)
/// without a scan, and a hit says where it matched without a join.
/// </summary>
public enum SearchSource { Incident = 0, Postmortem = 1, Timeline = 2, Factor = 3, Action = 4, Question = 5 }

/// <summary>
/// The full-text index's schema, as raw SQL EF Core cannot express: an FTS5 table on SQLite, a table
/// with a generated <c>tsvector</c> and a GIN index on PostgreSQL, each filled by row triggers on
/// the tables it indexes. Triggers run inside the writing statement, so whatever the door commits
/// is searchable in the same transaction, and no code path can forget the index. The
/// StatusPagesMailTrackersNotificationsSearch migrations call these (Up and Down) and backfill the rows already there.
/// </summary>
public static class SearchIndexSql
{
    public const int KeyFactor = 8;

    // Incident text indexed beside the title: what the header and the overview show.
    private const string IncidentBodySqlite =
        "COALESCE(NEW.\"Summary\", '') || char(10) || COALESCE(NEW.\"Trigger\", '') || char(10) || COALESCE(NEW.\"RootCause\", '') || char(10) || COALESCE(NEW.\"CustomerImpact\", '')";

    // The incident columns whose change rewrites its indexed texts.
    private const string IncidentColumns = "\"Title\", \"Summary\", \"Trigger\", \"RootCause\", \"CustomerImpact\", \"PostmortemMarkdown\"";

    /// <summary>
    /// SQLite: FTS5 tables holding their own copy of the text (snippet() needs it), Porter-stemmed like
    /// PostgreSQL's english configuration. Two of them, searched in turn (<see cref="FullTextSearch"/>):
    /// the incidents' own texts (title, summary, postmortem), then the records (events, factors,
    /// actions), so a common word is ranked among 20,000 texts and not half a million.
    /// </summary>
    public static class Sqlite
    {
        public const string Table = "SearchIndex";
        public const string RecordsTable = "SearchRecords";

        private static readonly (string Table, SearchSource Kind, string Title, string Body, string IncidentId, string Columns)[] Sources =
        [
            ("TimelineEvents", SearchSource.Timeline, "''", "NEW.\"Text\"", "NEW.\"IncidentId\"", "\"Text\", \"IncidentId\""),
            ("Factors", SearchSource.Factor, "''", "NEW.\"Statement\"", "NEW.\"IncidentId\"", "\"Statement\", \"IncidentId\""),
            ("RemediationActions", SearchSource.Action, "NEW.\"Title\"", "COALESCE(NEW.\"Description\", '')", "NEW.\"IncidentId\"", "\"Title\", \"Description\", \"IncidentId\""),
        ];

        private static string InsertIncident(string body) =>
            $"INSERT INTO \"{Table}\" (rowid, Title, Body, IncidentId) VALUES (NEW.\"Id\" * {KeyFactor}, NEW.\"Title\", {body}, NEW.\"Id\");" +
            $" INSERT INTO \"{Table}\" (rowid, Title, Body, IncidentId) SELECT NEW.\"Id\" * {KeyFactor} + {(int)SearchSource.Postmortem}, '', NEW.\"PostmortemMarkdown\", NEW.\"Id\" WHERE COALESCE(NEW.\"PostmortemMarkdown\", '') <> '';";

        private static string DeleteIncident =>
            $"DELETE FROM \"{Table}\" WHERE rowid IN (OLD.\"Id\" * {KeyFactor}, OLD.\"Id\" * {KeyFactor} + {(int)SearchSource.Postmortem});";

        public static IEnumerable<string> Create()
        {
            foreach (var table in new[] { Table, RecordsTable })
                yield return $"CREATE VIRTUAL TABLE \"{table}\" USING fts5(Title, Body, IncidentId UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');";
            foreach (var sql in IncidentTriggers(IncidentBodySqlite, IncidentColumns)) yield return sql;
            yield return $"CREATE TRIGGER \"TR_Incidents_SearchDelete\" AFTER DELETE ON \"Incidents\" BEGIN {DeleteIncident} END;";
            foreach (var (table, kind, title, body, incidentId, columns) in Sources)
            {
                var key = $"{KeyFactor} + {(int)kind}";
                var insert = $"INSERT INTO \"{RecordsTable}\" (rowid, Title, Body, IncidentId) VALUES (NEW.\"Id\" * {key}, {title}, {body}, {incidentId});";
                var delete = $"DELETE FROM \"{RecordsTable}\" WHERE rowid = OLD.\"Id\" * {key};";
                yield return $"CREATE TRIGGER \"TR_{table}_SearchInsert\" AFTER INSERT ON \"{table}\" BEGIN {insert} END;";
                yield return $"CREATE TRIGGER \"TR_{table}_SearchUpdate\" AFTER UPDATE OF {columns} ON \"{table}\" BEGIN {delete} {insert} END;";
                yield return $"CREATE TRIGGER \"TR_{table}_SearchDelete\" AFTER DELETE ON \"{table}\" BEGIN {delete} END;";
            }
            // The rows already there (the trigger bodies, over the whole table).
            yield return $"INSERT INTO \"{Table}\" (rowid, Title, Body, IncidentId) SELECT \"Id\" * {KeyFactor}, \"Title\", {IncidentBodySqlite.Replace("NEW.", "")}, \"Id\" FROM \"Incidents\";";
            yield return $"INSERT INTO \"{Table}\" (rowid, Title, Body, IncidentId) SELECT \"Id\" * {KeyFactor} + {(int)SearchSource.Postmortem}, '', \"PostmortemMarkdown\", \"Id\" FROM \"Incidents\" WHERE COALESCE(\"PostmortemMarkdown\", '') <> '';";
            foreach (var (table, kind, title, body, incidentId, _) in Sources)
                yield return $"INSERT INTO \"{RecordsTable}\" (rowid, Title, Body, IncidentId) SELECT \"Id\" * {KeyFactor} + {(int)kind}, {title.Replace("NEW.", "")}, {body.Replace("NEW.", "")}, {incidentId.Replace("NEW.", "")} FROM \"{table}\";";
        }

        /// <summary>The insert and update triggers of the incidents' own text, indexing <paramref name="body"/> and fired by <paramref name="columns"/>.</summary>
        internal static IEnumerable<string> IncidentTriggers(string body, string columns)
        {
            yield return $"CREATE TRIGGER \"TR_Incidents_SearchInsert\" AFTER INSERT ON \"Incidents\" BEGIN {InsertIncident(body)} END;";
            yield return $"CREATE TRIGGER \"TR_Incidents_SearchUpdate\" AFTER UPDATE OF {columns} ON \"Incidents\" BEGIN {DeleteIncident} {InsertIncident(body)} END;";
        }

        public static IEnumerable<string> Drop()
        {
            foreach (var table in new[] { "Incidents" }.Concat(Sources.Select(s => s.Table)))
                foreach (var change in new[] { "Insert", "Update", "Delete" })
                    yield return $"DROP TRIGGER \"TR_{table}_Search{change}\";";
            yield return $"DROP TABLE \"{RecordsTable}\";";
            yield return $"DROP TABLE \"{Table}\";";
        }
    }

    /// <summary>
    /// PostgreSQL: one row per indexed text, its <c>tsvector</c> a stored generated column (title
    /// weighted A, body B), under two partial GIN indexes that split it as SQLite's two tables do:
    /// the incidents' own texts (<see cref="IncidentTexts"/>) and the records.
    /// </summary>
    public static class PostgreSql
    {
        public const string Table = "SearchDocuments";
        /// <summary>The predicate of the incidents' own texts, written exactly so in the queries: PostgreSQL uses a partial index only for a query that states its condition.</summary>
        public const string IncidentTexts = "\"Key\" % 8 < 2";
        public const string RecordTexts = "\"Key\" % 8 >= 2";

        private static readonly (string Table, SearchSource Kind, string Title, string Body, string Columns)[] Sources =
        [
            ("TimelineEvents", SearchSource.Timeline, "''", "NEW.\"Text\"", "\"Text\", \"IncidentId\""),
            ("Factors", SearchSource.Factor, "''", "NEW.\"Statement\"", "\"Statement\", \"IncidentId\""),
            ("RemediationActions", SearchSource.Action, "NEW.\"Title\"", "NEW.\"Description\"", "\"Title\", \"Description\", \"IncidentId\""),
        ];

        internal const string IncidentBody = "concat_ws(E'\\n', NEW.\"Summary\", NEW.\"Trigger\", NEW.\"RootCause\", NEW.\"CustomerImpact\")";

        public static IEnumerable<string> Create()
        {
            yield return $"""
                CREATE TABLE "{Table}" (
                    "Key" bigint NOT NULL PRIMARY KEY,
                    "IncidentId" integer NOT NULL,
                    "Title" text NOT NULL,
                    "Body" text NOT NULL,
                    "Document" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', "Title"), 'A') || setweight(to_tsvector('english', "Body"), 'B')) STORED);
                """;
            yield return $"CREATE INDEX \"IX_{Table}_IncidentTexts\" ON \"{Table}\" USING GIN (\"Document\") WHERE {IncidentTexts};";
            yield return $"CREATE INDEX \"IX_{Table}_RecordTexts\" ON \"{Table}\" USING GIN (\"Document\") WHERE {RecordTexts};";
            yield return $"CREATE INDEX \"IX_{Table}_IncidentId\" ON \"{Table}\" (\"IncidentId\");";
            // Writes one indexed text, or removes it when there is no text left.
            yield return $"""
                CREATE FUNCTION search_put(k bigint, incident integer, title text, body text) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF COALESCE(title, '') = '' AND COALESCE(body, '') = '' THEN
                        DELETE FROM "{Table}" WHERE "Key" = k;
                    ELSE
                        INSERT INTO "{Table}" ("Key", "IncidentId", "Title", "Body") VALUES (k, incident, COALESCE(title, ''), COALESCE(body, ''))
                        ON CONFLICT ("Key") DO UPDATE SET "IncidentId" = EXCLUDED."IncidentId", "Title" = EXCLUDED."Title", "Body" = EXCLUDED."Body";
                    END IF;
                END $$;
                """;
            yield return IncidentsFunction("CREATE", IncidentBody);
            yield return IncidentsTrigger(IncidentColumns);
            foreach (var (table, kind, title, body, columns) in Sources)
            {
                var function = $"search_{table.ToLowerInvariant()}";
                yield return $"""
                    CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF TG_OP = 'DELETE' THEN
                            DELETE FROM "{Table}" WHERE "Key" = OLD."Id"::bigint * {KeyFactor} + {(int)kind};
                            RETURN NULL;
                        END IF;
                        PERFORM search_put(NEW."Id"::bigint * {KeyFactor} + {(int)kind}, NEW."IncidentId", {title}, {body});
                        RETURN NULL;
                    END $$;
                    """;
                yield return $"CREATE TRIGGER \"TR_{table}_Search\" AFTER INSERT OR DELETE OR UPDATE OF {columns} ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION {function}();";
            }
            // The rows already there.
            yield return $"INSERT INTO \"{Table}\" (\"Key\", \"IncidentId\", \"Title\", \"Body\") SELECT \"Id\"::bigint * {KeyFactor}, \"Id\", \"Title\", {IncidentBody.Replace("NEW.", "")} FROM \"Incidents\";";
            yield return $"INSERT INTO \"{Table}\" (\"Key\", \"IncidentId\", \"Title\", \"Body\") SELECT \"Id\"::bigint * {KeyFactor} + {(int)SearchSource.Postmortem}, \"Id\", '', \"PostmortemMarkdown\" FROM \"Incidents\" WHERE COALESCE(\"PostmortemMarkdown\", '') <> '';";
            foreach (var (table, kind, title, body, _) in Sources)
                yield return $"INSERT INTO \"{Table}\" (\"Key\", \"IncidentId\", \"Title\", \"Body\") SELECT \"Id\"::bigint * {KeyFactor} + {(int)kind}, \"IncidentId\", COALESCE({title.Replace("NEW.", "")}, ''), COALESCE({body.Replace("NEW.", "")}, '') FROM \"{table}\";";
        }

        /// <summary>The incidents' trigger function, indexing <paramref name="body"/>; <paramref name="verb"/> is CREATE or CREATE OR REPLACE.</summary>
        internal static string IncidentsFunction(string verb, string body) => $"""
            {verb} FUNCTION search_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    DELETE FROM "{Table}" WHERE "IncidentId" = OLD."Id";
                    RETURN NULL;
                END IF;
                PERFORM search_put(NEW."Id"::bigint * {KeyFactor}, NEW."Id", NEW."Title", {body});
                PERFORM search_put(NEW."Id"::bigint * {KeyFactor} + {(int)SearchSource.Postmortem}, NEW."Id", '', NEW."PostmortemMarkdown");
                RETURN NULL;
            END $$;
            """;

        internal static string IncidentsTrigger(string columns) =>
            $"CREATE TRIGGER \"TR_Incidents_Search\" AFTER INSERT OR DELETE OR UPDATE OF {columns} ON \"Incidents\" FOR EACH ROW EXECUTE FUNCTION search_incidents();";

        public static IEnumerable<string> Drop()
        {
            yield return "DROP TRIGGER \"TR_Incidents_Search\" ON \"Incidents\";";
            yield return "DROP FUNCTION search_incidents();";
            foreach (var (table, _, _, _, _) in Sources)
            {
                yield return $"DROP TRIGGER \"TR_{table}_Search\" ON \"{table}\";";
                yield return $"DROP FUNCTION search_{table.ToLowerInvariant()}();";
            }
            yield return "DROP FUNCTION search_put(bigint, integer, text, text);";
            yield return $"DROP TABLE \"{Table}\";";
        }
    }

    /// <summary>
    /// What the ReviewQuestionsSurprisesNearMisses migration adds to the index: the review meeting's
    /// questions (question and answer) as records, and "What surprised us" in the incident's own text.
    /// Kept apart from <see cref="Sqlite"/> and <see cref="PostgreSql"/>, which the earlier migration
    /// replays before the questions' table and the new column exist. The new column is empty when this
    /// runs, so the incidents' indexed texts need no rewrite.
    /// </summary>
    public static class QuestionsAndSurprises
    {
        private const string Table = "ReviewQuestions";
        private const int Kind = (int)SearchSource.Question;
        private const string IncidentColumnsWithSurprises = IncidentColumns + ", \"WhatSurprisedUs\"";
        private const string IncidentBodySqliteWithSurprises = IncidentBodySqlite + " || char(10) || COALESCE(NEW.\"WhatSurprisedUs\", '')";
        private const string IncidentBodyPostgreSqlWithSurprises = "concat_ws(E'\\n', NEW.\"Summary\", NEW.\"Trigger\", NEW.\"RootCause\", NEW.\"CustomerImpact\", NEW.\"WhatSurprisedUs\")";

        private static IEnumerable<string> DropSqliteIncidentTriggers() =>
            ["DROP TRIGGER \"TR_Incidents_SearchInsert\";", "DROP TRIGGER \"TR_Incidents_SearchUpdate\";"];

        public static IEnumerable<string> CreateSqlite()
        {
            foreach (var sql in DropSqliteIncidentTriggers().Concat(Sqlite.IncidentTriggers(IncidentBodySqliteWithSurprises, IncidentColumnsWithSurprises))) yield return sql;
            var insert = $"INSERT INTO \"{Sqlite.RecordsTable}\" (rowid, Title, Body, IncidentId) VALUES (NEW.\"Id\" * {KeyFactor} + {Kind}, '', NEW.\"Text\" || char(10) || COALESCE(NEW.\"Answer\", ''), NEW.\"IncidentId\");";
            var delete = $"DELETE FROM \"{Sqlite.RecordsTable}\" WHERE rowid = OLD.\"Id\" * {KeyFactor} + {Kind};";
            yield return $"CREATE TRIGGER \"TR_{Table}_SearchInsert\" AFTER INSERT ON \"{Table}\" BEGIN {insert} END;";
            yield return $"CREATE TRIGGER \"TR_{Table}_SearchUpdate\" AFTER UPDATE OF \"Text\", \"Answer\", \"IncidentId\" ON \"{Table}\" BEGIN {delete} {insert} END;";
            yield return $"CREATE TRIGGER \"TR_{Table}_SearchDelete\" AFTER DELETE ON \"{Table}\" BEGIN {delete} END;";
        }

        public static IEnumerable<string> DropSqlite()
        {
            foreach (var change in new[] { "Insert", "Update", "Delete" })
                yield return $"DROP TRIGGER \"TR_{Table}_Search{change}\";";
            yield return $"DELETE FROM \"{Sqlite.RecordsTable}\" WHERE rowid % {KeyFactor} = {Kind};";
            foreach (var sql in DropSqliteIncidentTriggers().Concat(Sqlite.IncidentTriggers(IncidentBodySqlite, IncidentColumns))) yield return sql;
        }

        public static IEnumerable<string> CreatePostgreSql()
        {
            yield return PostgreSql.IncidentsFunction("CREATE OR REPLACE", IncidentBodyPostgreSqlWithSurprises);
            yield return "DROP TRIGGER \"TR_Incidents_Search\" ON \"Incidents\";";
            yield return PostgreSql.IncidentsTrigger(IncidentColumnsWithSurprises);
            yield return $"""
                CREATE FUNCTION search_reviewquestions() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "{PostgreSql.Table}" WHERE "Key" = OLD."Id"::bigint * {KeyFactor} + {Kind};
                        RETURN NULL;
                    END IF;
                    PERFORM search_put(NEW."Id"::bigint * {KeyFactor} + {Kind}, NEW."IncidentId", '', concat_ws(E'\n', NEW."Text", NEW."Answer"));
                    RETURN NULL;
                END $$;
                """;
            yield return $"CREATE TRIGGER \"TR_{Table}_Search\" AFTER INSERT OR DELETE OR UPDATE OF \"Text\", \"Answer\", \"IncidentId\" ON \"{Table}\" FOR EACH ROW EXECUTE FUNCTION search_reviewquestions();";
        }

        public static IEnumerable<string> DropPostgreSql()
        {
            yield return $"DROP TRIGGER \"TR_{Table}_Search\" ON \"{Table}\";";
            yield return "DROP FUNCTION search_reviewquestions();";
            yield return $"DELETE FROM \"{PostgreSql.Table}\" WHERE \"Key\" % {KeyFactor} = {Kind};";
            yield return PostgreSql.IncidentsFunction("CREATE OR REPLACE", PostgreSql.IncidentBody);
            yield return "DROP TRIGGER \"TR_Incidents_Search\" ON \"Incidents\";";
            yield return PostgreSql.IncidentsTrigger(IncidentColumns);
        }
    }
}
