using System.Text.Json;

using DuckDB.NET.Data;

using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The participations import: stage with the appender, classify and merge by natural key in SQL, journal the changes
/// and rewrite the touched people's fact rows, all in the caller's write transaction (under the store's write gate).
/// The same statements as the PostgreSQL store's <c>ParticipationImport</c>, so both classify, journal and derive fact
/// rows alike. The store holds one for its import settings.
/// </summary>
/// <threadsafety>The settings may be read and set from several threads; the Run methods need the caller's transaction.</threadsafety>
internal sealed class ParticipationImport(long memoryLimitBytes)
{
    /// <summary>From this many staged rows on, the garbage of parsing is collected before the SQL phases (see <see cref="Stage"/>).</summary>
    private const long CollectAfterStagingRows = 100_000;

    private long _memoryLimitBytes = memoryLimitBytes;

    /// <summary>DuckDB's memory limit while an import runs; 0 leaves DuckDB's own (see <see cref="DuckDbAnalyticsStore.ImportMemoryLimitBytes"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public long MemoryLimitBytes
    {
        get => Interlocked.Read(ref _memoryLimitBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Interlocked.Exchange(ref _memoryLimitBytes, value);
        }
    }

    /// <summary>When set, imports record the time of each phase here (the benchmark project's breakdown).</summary>
    public PhaseClock? Phases { get; set; }

    /// <summary>Imports <paramref name="rows"/> in the caller's write transaction; see <see cref="IParticipationImporter.ImportParticipationsAsync"/>.</summary>
    public static ImportOutcome Run(DuckDBConnection connection, IEnumerable<Participation> rows, ImportRequest request, PhaseClock? phases, CancellationToken cancellationToken) =>
        Run(connection, rows, null, request, phases, cancellationToken);

    /// <summary>
    /// Imports a participations file in the caller's write transaction; see <see cref="IParticipationFileImporter.ImportParticipationsAsync"/>.
    /// The rows' own checks run as the file is read; the checks between rows run here, set-based, over the staged rows.
    /// </summary>
    public static ImportOutcome Run(DuckDBConnection connection, ParticipationCsvLines file, ImportRequest request, PhaseClock? phases, CancellationToken cancellationToken) =>
        Run(connection, null, file, request, phases, cancellationToken);

    private static ImportOutcome Run(
        DuckDBConnection connection, IEnumerable<Participation>? rows, ParticipationCsvLines? file, ImportRequest request, PhaseClock? phases, CancellationToken cancellationToken)
    {
        phases?.Start();
        if (request.RequestId is { } requestId && FindRequest(connection, requestId) is { } earlier)
        {
            // The same id with other rows is another batch, not a retry: answering the first outcome would
            // silently drop it. Rows are compared by their fingerprint (a retry sends the same rows in order); a file is
            // read with every check in memory here, as a retry reads it once and writes nothing.
            if (earlier.Fingerprint.StartsWith("sha256:", StringComparison.Ordinal)
                && RowFingerprint.Of(rows ?? file!.ReadChecked(), cancellationToken) != earlier.Fingerprint)
            {
                throw new ImportRequestConflictException(requestId);
            }
            // A retried call: return the first answer and write nothing (the caller's transaction commits nothing).
            return earlier.Outcome with { WasReplay = true };
        }

        connection.Execute(
            """
            CREATE TEMP TABLE import_row (
                participant_id          VARCHAR,
                -- The country, gender, edition and attendance as numbers (StagedRowCodes; their tables read them back).
                country                 INTEGER,
                gender                  INTEGER,
                institution_type        VARCHAR,
                participant_synthetic   BOOLEAN,
                edition                 INTEGER,
                attendance              INTEGER,
                participation_synthetic BOOLEAN,
                record_key              INTEGER,
                nominated_on            DATE,
                -- The line (0 for rows given without a file), and a file's country and gender cells where they are not the
                -- codes (quoted in problems between rows). A row with problems of its own is staged with its keys and no
                -- attendance.
                line                    BIGINT,
                country_cell            VARCHAR,
                gender_cell             VARCHAR
            )
            """);
        var computeFingerprint = request.RequestId is not null;
        var codes = new StagedRowCodes();
        var fingerprint = Stage(connection, file?.Read() ?? rows!.Select(ParticipationLine.Of), codes, request.Progress, computeFingerprint, cancellationToken);
        codes.WriteTables(connection);
        phases?.Mark("stage rows (parse + validate overlapped with the appender)");
        if (file is not null && file.HasRowProblems)
        {
            // The import fails: list every problem, the rows' own and those between rows, as the file's reader would.
            throw RejectFile(connection, file)!;
        }
        RejectUnknownReferences(connection);
        phases?.Mark("check references");

        // Classify each distinct participant and participation against the store, then apply: the counts
        // come from the same classification the writes use, so they cannot disagree. The classification is also what
        // keeps one row per natural key: since migration 010 the registry has no primary keys in DuckDB, and only rows
        // found absent (with the batch grouped by key and duplicates refused) are inserted, under the per-file write gate.
        connection.Execute(
            """
            CREATE TEMP TABLE import_participation AS
            SELECT s.participant_id, e.programme_id, e.edition_number, a.attendance, s.participation_synthetic, s.copies,
                   -- A blank nomination date keeps the stored one: an outcomes file need not repeat the nominations.
                   COALESCE(s.nominated_on, p.nominated_on) AS nominated_on,
                   CASE WHEN p.participant_id IS NULL THEN 'insert'
                        WHEN p.attendance = a.attendance AND p.is_synthetic = s.participation_synthetic
                             AND (s.nominated_on IS NULL OR s.nominated_on = p.nominated_on) THEN 'same'
                        ELSE 'update' END AS change,
                   p.attendance AS prior_attendance, p.is_synthetic AS prior_is_synthetic, p.nominated_on AS prior_nominated_on
            -- Grouped by the numbers (an edition is one integer, not a text and an integer), then read back.
            FROM (SELECT participant_id, edition, MIN(attendance) AS attendance,
                         BOOL_AND(participation_synthetic) AS participation_synthetic, MIN(nominated_on) AS nominated_on, COUNT(*) AS copies
                  FROM import_row GROUP BY participant_id, edition) s
            JOIN import_edition_code e ON e.code = s.edition
            JOIN import_attendance_code a ON a.code = s.attendance
            LEFT JOIN participation p
              ON p.participant_id = s.participant_id AND p.programme_id = e.programme_id AND p.edition_number = e.edition_number
            """);
        phases?.Mark("classify participations");
        connection.Execute(
            """
            CREATE TEMP TABLE import_participant AS
            SELECT s.participant_id, c.iso3, g.gender, s.institution_type, s.participant_synthetic, s.inconsistent,
                   -- A stored person keeps the key they have; a new one takes the file's, else a fresh random one.
                   COALESCE(p.record_key, s.record_key, CAST(floor(random() * 16777216) AS INTEGER)) AS record_key,
                   CASE WHEN p.participant_id IS NULL THEN 'insert'
                        WHEN p.iso3 = c.iso3 AND p.gender = g.gender
                             AND p.institution_type IS NOT DISTINCT FROM s.institution_type
                             AND p.is_synthetic = s.participant_synthetic THEN 'same'
                        ELSE 'update' END AS change,
                   -- New people are numbered after everyone stored, in id order (see migration 004).
                   CASE WHEN p.participant_id IS NULL
                        THEN CAST((SELECT COALESCE(MAX(participant_key), 0) FROM participant)
                                  + row_number() OVER (PARTITION BY p.participant_id IS NULL ORDER BY s.participant_id) AS INTEGER)
                        ELSE p.participant_key END AS participant_key,
                   p.iso3 AS prior_iso3, p.gender AS prior_gender, p.institution_type AS prior_institution_type, p.is_synthetic AS prior_is_synthetic
            -- One group per person (grouping by the one text id is cheaper than by all five columns); a person the rows
            -- describe twice differently is marked, and refused below. Equal numbers are equal values, so the country
            -- and gender are compared as numbers and read back once per person.
            FROM (SELECT participant_id, MIN(country) AS country, MIN(gender) AS gender, MIN(institution_type) AS institution_type,
                         BOOL_AND(participant_synthetic) AS participant_synthetic, MIN(record_key) AS record_key,
                         MIN(country) <> MAX(country) OR MIN(gender) <> MAX(gender)
                             OR MIN(institution_type) <> MAX(institution_type)
                             OR (COUNT(institution_type) > 0 AND COUNT(institution_type) < COUNT(*))
                             OR BOOL_AND(participant_synthetic) <> BOOL_OR(participant_synthetic) AS inconsistent
                  FROM import_row GROUP BY participant_id) s
            JOIN import_country_code c ON c.code = s.country
            JOIN import_gender_code g ON g.code = s.gender
            LEFT JOIN participant p ON p.participant_id = s.participant_id
            """);
        phases?.Mark("classify participants (group by person, number the new ones)");
        // Only a file with a repeated participation or a person described twice pays for finding the lines; a person
        // whose rows differ only in institution type or synthetic flag is refused below, as for any caller.
        if (file is not null
            && connection.ScalarLong(
                "SELECT CAST(EXISTS (SELECT 1 FROM import_participation WHERE copies > 1) OR EXISTS (SELECT 1 FROM import_participant WHERE inconsistent) AS BIGINT)") == 1
            && RejectFile(connection, file) is { } rejected)
        {
            throw rejected;
        }
        phases?.Mark("classify participants: a file's problems between rows");
        RejectDuplicateParticipations(connection);
        RejectInconsistentParticipants(connection);
        phases?.Mark("classify participants: refuse repeats and people described twice");
        connection.Execute("DROP TABLE import_row");
        StagedRowCodes.DropTables(connection);
        var participants = CountChanges(connection, "import_participant");
        var participations = CountChanges(connection, "import_participation");
        phases?.Mark("count");
        var importId = ImportJournal.Record(connection, request, participations, participants);
        phases?.Mark("journal");

        // An import that changes no stored row (a first import, or one of new people only) skips the UPDATEs: each would
        // still join its classification to the registry.
        if (participants.Updated > 0)
        {
            connection.Execute(
                """
                UPDATE participant
                SET iso3 = s.iso3, gender = s.gender, institution_type = s.institution_type, is_synthetic = s.participant_synthetic
                FROM import_participant s
                WHERE participant.participant_id = s.participant_id AND s.change = 'update'
                """);
        }
        connection.Execute(
            """
            INSERT INTO participant (participant_id, iso3, gender, institution_type, is_synthetic, participant_key, record_key, inserted_by_import)
            SELECT participant_id, iso3, gender, institution_type, participant_synthetic, participant_key, record_key, CAST($1 AS BIGINT)
            FROM import_participant WHERE change = 'insert'
            """,
            importId);
        phases?.Mark("write participants");
        if (participations.Updated > 0)
        {
            connection.Execute(
                """
                UPDATE participation
                SET attendance = s.attendance, is_synthetic = s.participation_synthetic, nominated_on = s.nominated_on
                FROM import_participation s
                WHERE participation.participant_id = s.participant_id AND participation.programme_id = s.programme_id
                  AND participation.edition_number = s.edition_number AND s.change = 'update'
                """);
        }
        connection.Execute(
            """
            INSERT INTO participation (participant_id, programme_id, edition_number, attendance, is_synthetic, nominated_on, inserted_by_import)
            SELECT participant_id, programme_id, edition_number, attendance, participation_synthetic, nominated_on, CAST($1 AS BIGINT)
            FROM import_participation WHERE change = 'insert'
            """,
            importId);
        phases?.Mark("write participations");
        // Only people already stored (changed, or unchanged with changed participations) need their fact rows looked for
        // and rewritten; an import of new people only builds theirs from its own tables.
        RefreshImportedFacts(connection, phases, newPeopleFromImport: true, storedPeopleTouched: participants.Updated + participants.Unchanged > 0);
        connection.Execute("DROP TABLE import_participation");
        connection.Execute("DROP TABLE import_participant");

        var outcome = new ImportOutcome(participations, participants) { ImportId = importId };
        if (request.RequestId is { } newRequestId)
        {
            connection.Execute(
                "INSERT INTO ingest_request (request_id, fingerprint, outcome_json, completed_at) VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TIMESTAMP))",
                newRequestId, fingerprint, JsonSerializer.Serialize(StoredOutcome.From(outcome)));
        }
        cancellationToken.ThrowIfCancellationRequested();
        return outcome;
    }

    /// <summary>
    /// Rewrites the <c>participation_fact</c> rows of every participant this import inserted or changed, or
    /// whose participations it inserted or changed (a changed country or gender touches all of a person's rows).
    /// Runs after the base tables are written, in the same transaction; a person's attributes come from the
    /// import's own table, which the participant rows now equal, saving a join on the text id. Every row of a
    /// touched person is rewritten, so <c>is_single</c> and <c>is_single_in_year</c> (their only counted participation,
    /// overall and in that year) are judged over all of them.
    /// </summary>
    /// <param name="connection">The write transaction's connection, with <c>import_participant</c> and <c>import_participation</c>.</param>
    /// <param name="phases">Where the phases' times go, if anywhere.</param>
    /// <param name="newPeopleFromImport">The import's own call: its <c>import_participation</c> holds every participation of
    /// a person it inserts (a new person has no stored participation), with its attendance and synthetic flag, so their fact
    /// rows are built from it rather than by reading <c>participation</c> back. Undo's tables have only the columns read
    /// for the people it restores (all marked <c>update</c>).</param>
    /// <param name="storedPeopleTouched">False when the import's classification has no stored person (every one is new):
    /// then there is no stored person to look for, and only the new people's fact rows are written.</param>
    internal static void RefreshImportedFacts(DuckDBConnection connection, PhaseClock? phases = null, bool newPeopleFromImport = false, bool storedPeopleTouched = true)
    {
        if (newPeopleFromImport && !storedPeopleTouched)
        {
            InsertNewPeoplesFactRows(connection);
            phases?.Mark("fact rows and flags: new people (from the import's tables)");
            return;
        }
        // The stored people to refresh: those this import changes, and those whose participations it inserts or changes.
        // The second part joins the few unchanged people (the probe's build side) to the changed participations, rather than
        // testing every person against the set of changed participations (a semi-join built over up to every staged row).
        // People the import inserts are here only when their rows are not built from the import's tables below.
        connection.Execute(
            $"""
            CREATE TEMP TABLE import_refresh AS
            SELECT participant_key, participant_id, iso3, gender, participant_synthetic, record_key FROM import_participant
            WHERE {(newPeopleFromImport ? "change = 'update'" : "change <> 'same'")}
            UNION ALL
            SELECT DISTINCT p.participant_key, p.participant_id, p.iso3, p.gender, p.participant_synthetic, p.record_key
            FROM import_participant p JOIN import_participation c ON c.participant_id = p.participant_id
            WHERE p.change = 'same' AND c.change <> 'same'
            """);
        phases?.Mark("fact rows: who to refresh");
        if (newPeopleFromImport)
        {
            InsertNewPeoplesFactRows(connection);
            phases?.Mark("fact rows and flags: new people (from the import's tables)");
        }
        // Stored people: their fact rows are rebuilt from all their participations, stored and imported. A first import
        // has none, and skips the two statements (each would still scan the participation and fact tables).
        if (connection.ScalarLong("SELECT COUNT(*) FROM import_refresh") > 0)
        {
            connection.Execute("DELETE FROM participation_fact WHERE participant_key IN (SELECT participant_key FROM import_refresh)");
            phases?.Mark("fact rows: delete the touched people's");
            InsertFactRows(connection, people: "import_refresh", participations: "participation", participationSynthetic: "is_synthetic", where: "");
            phases?.Mark("fact rows and flags: stored people");
        }
        connection.Execute("DROP TABLE import_refresh");
    }

    /// <summary>The fact rows of the people the import inserts, from its own tables.</summary>
    private static void InsertNewPeoplesFactRows(DuckDBConnection connection) =>
        // A new person's participations are all in this import, so the flags are judged over the import's rows alone.
        InsertFactRows(connection, people: "import_participant", participations: "import_participation",
            participationSynthetic: "participation_synthetic", where: "WHERE x.change = 'insert'");

    /// <summary>
    /// Writes the <c>participation_fact</c> rows of the people in <paramref name="people"/> (their attributes, as
    /// the participant rows hold them) from their participations in <paramref name="participations"/>, which must be all
    /// of each person's: <c>is_single</c> and <c>is_single_in_year</c> are judged over them. The one definition of a fact
    /// row, which an import writes for new and for stored people and an undo for the people it restores.
    /// </summary>
    /// <param name="connection">The write transaction's connection, with <c>fact_reference</c>.</param>
    /// <param name="people">A table of people: <c>participant_key</c>, <c>participant_id</c>, <c>iso3</c>, <c>gender</c>, <c>participant_synthetic</c>, <c>record_key</c>.</param>
    /// <param name="participations">A table of participations keyed by <c>participant_id</c>, <c>programme_id</c>, <c>edition_number</c>, with <c>attendance</c>.</param>
    /// <param name="participationSynthetic">The column of <paramref name="participations"/> holding its synthetic flag.</param>
    /// <param name="where">A <c>WHERE</c> clause on the people (alias <c>x</c>), or empty.</param>
    private static void InsertFactRows(DuckDBConnection connection, string people, string participations, string participationSynthetic, string where) =>
        // The arguments are this class's own table and column names, never input.
        connection.Execute(
            $"""
            INSERT INTO participation_fact
            SELECT x.participant_key, pn.programme_id, pn.edition_number,
                   r.year, r.modality, r.host_country, r.reference_date, x.iso3, r.oic_group, x.gender,
                   (pn.attendance IN ('attended', 'completed')), (pn.{participationSynthetic} OR x.participant_synthetic), r.counts_as_member,
                   (pn.attendance IN ('attended', 'completed'))
                       AND COUNT(*) FILTER (WHERE pn.attendance IN ('attended', 'completed')) OVER (person_years ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) = 1,
                   (pn.attendance IN ('attended', 'completed'))
                       AND COUNT(*) FILTER (WHERE pn.attendance IN ('attended', 'completed')) OVER (person_years RANGE BETWEEN CURRENT ROW AND CURRENT ROW) = 1,
                   x.record_key, pn.attendance
            FROM {people} x
            JOIN {participations} pn ON pn.participant_id = x.participant_id
            JOIN fact_reference r ON r.programme_id = pn.programme_id AND r.edition_number = pn.edition_number AND r.iso3 = x.iso3
            {where}
            -- One sort serves both flags: over all the person's rows, and over the peers in the same year.
            WINDOW person_years AS (PARTITION BY x.participant_key ORDER BY r.year)
            """);

    /// <summary>
    /// After staging many rows, one full, decommitting collection. The parser's and validator's memory (for rows checked in
    /// memory, a key per person: hundreds of MiB at millions of rows; for a file, the garbage of parsing, up to the young
    /// generation's budget, which the GC sizes from the CPU cache and may leave at a few hundred MiB committed) is garbage
    /// now, but the SQL phases that follow allocate almost nothing managed, so no collection would run to return it while
    /// DuckDB's own memory grows: the process would peak at both. Collecting here (tens of milliseconds beside seconds of
    /// import) keeps the peak to the larger of the two.
    /// </summary>
    private static void ReturnStagingMemory(long stagedRows)
    {
        if (stagedRows >= CollectAfterStagingRows)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// Streams the lines into <c>import_row</c> with the appender, each with its line: the valid rows in full, and the rows
    /// with problems of their own by the keys the checks between rows compare (and no attendance). Rows given without a
    /// file come as <see cref="ParticipationLine.Of"/>. The reader keeps nothing per row, so the process's memory does not
    /// grow with the file; DuckDB's spills past its limit. Returns a fingerprint of what was staged (a SHA-256 of the rows
    /// when the import has a request id and the fingerprint is kept, else only the count).
    /// </summary>
    private static string Stage(
        DuckDBConnection connection, IEnumerable<ParticipationLine> lines, StagedRowCodes codes, IProgress<long>? progress, bool computeFingerprint, CancellationToken cancellationToken)
    {
        using var hash = computeFingerprint ? new RowFingerprint() : null;
        var counter = new StagedRowCounter(progress, cancellationToken);
        using (var appender = connection.CreateAppender("import_row"))
        {
            // Parsing runs on a worker thread a few batches ahead while this thread appends.
            foreach (var line in ReadAhead.Of(lines, cancellationToken))
            {
                var appended = appender.CreateRow()
                    .AppendValue(line.ParticipantId.Value)
                    .AppendValue(line.Country is { } country ? codes.Country(country) : (int?)null)
                    .AppendValue(line.Gender is { } gender ? StagedRowCodes.Gender(gender) : (int?)null);
                if (line.Participation is { } row)
                {
                    var p = row.Participant;
                    appended
                        .AppendValue(p.InstitutionType)
                        .AppendValue((bool?)p.IsSynthetic)
                        .AppendValue((int?)codes.Edition(row.Edition))
                        .AppendValue((int?)StagedRowCodes.Attendance(row.Status))
                        .AppendValue((bool?)row.IsSynthetic)
                        .AppendValue(p.RecordKey)
                        .AppendValue(row.NominatedOn);
                    hash?.Add(row);
                }
                else
                {
                    appended
                        .AppendNullValue()
                        .AppendNullValue()
                        .AppendValue(line.Edition is { } edition ? codes.Edition(edition) : (int?)null)
                        .AppendNullValue()
                        .AppendNullValue()
                        .AppendNullValue()
                        .AppendNullValue();
                }
                appended
                    .AppendValue((long?)line.Line)
                    .AppendValue(line.CountryCell)
                    .AppendValue(line.GenderCell)
                    .EndRow();
                counter.Add();
            }
        }
        counter.Finish();
        ReturnStagingMemory(counter.Count);
        return hash is null ? $"rows:{counter.Count}" : hash.Finish(counter.Count);
    }

    /// <summary>
    /// The file's refusal: its rows' own problems and the problems between its staged rows (a participant's country or
    /// gender other than on their first line, a second line for a participant and edition), found here over
    /// <c>import_row</c> in the words and order of <see cref="Import.ParticipationCsv.Read"/>; null when there are none.
    /// </summary>
    private static ImportRejectedException? RejectFile(DuckDBConnection connection, ParticipationCsvLines file)
    {
        // Each check compares a line with the person's first line (a person's country and gender), or with the first line
        // of the same person and edition; a first line without a known country (gender, edition) checks none.
        connection.Execute(
            """
            CREATE TEMP TABLE import_across AS
            WITH r AS (
                SELECT line, participant_id, iso3, gender, programme_id, edition_number, country_cell, gender_cell,
                       FIRST_VALUE(line) OVER person AS first_line,
                       FIRST_VALUE(iso3) OVER person AS first_iso3,
                       FIRST_VALUE(gender) OVER person AS first_gender,
                       MIN(line) OVER (PARTITION BY participant_id, programme_id, edition_number) AS first_in_edition
                -- The staged rows with their numbers read back (a refused file's rows only).
                FROM (SELECT i.line, i.participant_id, c.iso3, g.gender, e.programme_id, e.edition_number, i.country_cell, i.gender_cell
                      FROM import_row i
                      LEFT JOIN import_country_code c ON c.code = i.country
                      LEFT JOIN import_gender_code g ON g.code = i.gender
                      LEFT JOIN import_edition_code e ON e.code = i.edition)
                WINDOW person AS (PARTITION BY participant_id ORDER BY line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
            SELECT line, 2 AS field, participant_id, first_in_edition AS first_line, programme_id AS first_value,
                   CAST(edition_number AS VARCHAR) AS value, participant_id AS cell
            FROM r WHERE programme_id IS NOT NULL AND line > first_in_edition
            UNION ALL
            SELECT line, 3, participant_id, first_line, first_iso3, iso3, COALESCE(country_cell, iso3)
            FROM r WHERE iso3 IS NOT NULL AND first_iso3 IS NOT NULL AND iso3 <> first_iso3
            UNION ALL
            SELECT line, 4, participant_id, first_line, first_gender, gender, COALESCE(gender_cell, gender)
            FROM r WHERE gender IS NOT NULL AND first_gender IS NOT NULL AND gender <> first_gender
            """);
        var total = connection.ScalarLong("SELECT COUNT(*) FROM import_across");
        var problems = new List<AcrossRowsProblem>();
        using (var command = connection.Command(
            $"SELECT line, field, participant_id, first_line, first_value, value, cell FROM import_across ORDER BY line, field LIMIT {Import.ParticipationCsv.MaxProblemsListed}"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                problems.Add(AcrossRowsProblem.FromStaged(
                    reader.GetInt32(1), reader.GetInt64(0), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
            }
        }
        connection.Execute("DROP TABLE import_across");
        return file.Reject(problems, total);
    }

    /// <summary>Refuses a batch that gives one participation twice (whatever the attendance).</summary>
    private static void RejectDuplicateParticipations(DuckDBConnection connection)
    {
        var duplicated = Strings(
            connection,
            """
            SELECT participant_id || ' in ' || programme_id || '/' || CAST(edition_number AS VARCHAR) || ' (' || CAST(copies AS VARCHAR) || ' times)'
            FROM import_participation WHERE copies > 1
            ORDER BY participant_id, programme_id, edition_number LIMIT 10
            """);
        if (duplicated.Count > 0)
        {
            throw new ArgumentException(
                $"duplicate participation(s) in the same import: {string.Join(", ", duplicated)}; each participant appears at most once per edition.", "rows");
        }
    }

    /// <summary>Refuses a batch that gives one participant two different descriptions (country, gender, institution, synthetic flag).</summary>
    private static void RejectInconsistentParticipants(DuckDBConnection connection)
    {
        var conflicting = Strings(
            connection,
            """
            SELECT participant_id FROM import_participant WHERE inconsistent ORDER BY participant_id LIMIT 10
            """);
        if (conflicting.Count > 0)
        {
            throw new ArgumentException(
                $"participant(s) {string.Join(", ", conflicting)} appear with different country, gender, institution type or synthetic flag "
                + "in the same import; give each participant one description.", "rows");
        }
    }

    /// <summary>Refuses rows whose edition or country is not in the store (the rows' catalogue may differ from the store's).</summary>
    private static void RejectUnknownReferences(DuckDBConnection connection)
    {
        // One pass over the staged rows for both checks: their few distinct (edition, country) pairs, which the checks then
        // test against the store (rather than testing every staged row twice).
        connection.Execute(
            """
            CREATE TEMP TABLE import_keys AS
            SELECT e.programme_id, e.edition_number, c.iso3
            FROM (SELECT edition, country FROM import_row GROUP BY edition, country) k
            LEFT JOIN import_edition_code e ON e.code = k.edition
            LEFT JOIN import_country_code c ON c.code = k.country
            """);
        // A refusal throws before the drop: the transaction rolls back, and its temporary tables with it, as for import_row.
        RejectUnknownKeys(connection);
        connection.Execute("DROP TABLE import_keys");
    }

    private static void RejectUnknownKeys(DuckDBConnection connection)
    {
        var editions = Strings(
            connection,
            """
            SELECT DISTINCT s.programme_id || '/' || CAST(s.edition_number AS VARCHAR) AS id FROM import_keys s
            WHERE NOT EXISTS (SELECT 1 FROM edition e WHERE e.programme_id = s.programme_id AND e.edition_number = s.edition_number)
            ORDER BY id LIMIT 10
            """);
        if (editions.Count > 0)
        {
            throw new ArgumentException($"edition(s) {string.Join(", ", editions)} are not in the store; import the editions first.", "rows");
        }
        var countries = Strings(
            connection,
            """
            SELECT DISTINCT s.iso3 FROM import_keys s
            WHERE NOT EXISTS (SELECT 1 FROM country c WHERE c.iso3 = s.iso3)
            ORDER BY s.iso3 LIMIT 10
            """);
        if (countries.Count > 0)
        {
            throw new ArgumentException($"country code(s) {string.Join(", ", countries)} are not in the store; import the member states first.", "rows");
        }
    }

    private static WriteOutcome CountChanges(DuckDBConnection connection, string table)
    {
        long inserted = 0, updated = 0, unchanged = 0;
        using var command = connection.Command($"SELECT change, COUNT(*) FROM {table} GROUP BY change");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var n = reader.GetInt64(1);
            switch (reader.GetString(0))
            {
                case "insert": inserted = n; break;
                case "update": updated = n; break;
                default: unchanged = n; break;
            }
        }
        return new WriteOutcome(inserted, updated, unchanged);
    }

    private static (ImportOutcome Outcome, string Fingerprint)? FindRequest(DuckDBConnection connection, string requestId)
    {
        using var command = connection.Command("SELECT outcome_json, fingerprint FROM ingest_request WHERE request_id = $1", requestId);
        using var r = command.ExecuteReader();
        return r.Read() && JsonSerializer.Deserialize<StoredOutcome>(r.GetString(0))?.ToOutcome() is { } outcome
            ? (outcome, r.GetString(1))
            : null;
    }

    private static List<string> Strings(DuckDBConnection connection, string sql)
    {
        var values = new List<string>();
        using var command = connection.Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>The JSON shape of an outcome kept in <c>ingest_request</c>; explicit so that renaming a C# member cannot break stored rows.</summary>
    private sealed record StoredOutcome(StoredCounts Participations, StoredCounts Participants)
    {
        public static StoredOutcome From(ImportOutcome o) => new(StoredCounts.From(o.Participations), StoredCounts.From(o.Participants));

        public ImportOutcome ToOutcome() => new(Participations.ToOutcome(), Participants.ToOutcome());
    }

    private sealed record StoredCounts(long Inserted, long Updated, long Unchanged)
    {
        public static StoredCounts From(WriteOutcome o) => new(o.Inserted, o.Updated, o.Unchanged);

        public WriteOutcome ToOutcome() => new(Inserted, Updated, Unchanged);
    }
}
