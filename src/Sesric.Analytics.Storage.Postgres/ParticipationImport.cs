using System.Text.Json;

using Npgsql;


using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.Postgres.Sql;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// The participations import: stage with binary COPY, merge by natural key in SQL, all in the caller's transaction
/// (which holds the store's write lock). It classifies, refuses, journals and derives fact rows as the DuckDB store does;
/// the statements differ where PostgreSQL does a step more cheaply another way (people are classified before
/// participations, and a new person's fact rows come from the classified rows). A store's first import stages through a
/// second session (<see cref="StagingSession"/>), which computes the fact rows while this one writes the registry.
/// </summary>
internal static class ParticipationImport
{
    /// <summary>The sort and hash memory an import's transaction may use per plan node (<c>work_mem</c>).</summary>
    private const string ImportWorkMemory = "256MB";

    /// <summary>Imports <paramref name="rows"/>; see <see cref="IParticipationImporter.ImportParticipationsAsync"/>.</summary>
    public static Task<ImportOutcome> RunAsync(
        NpgsqlConnection connection, Func<CancellationToken, Task<NpgsqlConnection>> openStagingConnection, IEnumerable<Participation> rows, ImportRequest request,
        PhaseClock? phases, CancellationToken cancellationToken) =>
        RunAsync(connection, openStagingConnection, rows, null, request, phases, cancellationToken);

    /// <summary>
    /// Imports a participations file; see <see cref="IParticipationFileImporter.ImportParticipationsAsync"/>. The rows' own
    /// checks run as the file is read; the checks between rows run here, set-based, over the staged rows (as in the DuckDB
    /// store), so the client keeps nothing per person.
    /// </summary>
    public static Task<ImportOutcome> RunAsync(
        NpgsqlConnection connection, Func<CancellationToken, Task<NpgsqlConnection>> openStagingConnection, ParticipationCsvLines file, ImportRequest request,
        PhaseClock? phases, CancellationToken cancellationToken) =>
        RunAsync(connection, openStagingConnection, null, file, request, phases, cancellationToken);

    private static async Task<ImportOutcome> RunAsync(
        NpgsqlConnection connection, Func<CancellationToken, Task<NpgsqlConnection>> openStagingConnection, IEnumerable<Participation>? rows, ParticipationCsvLines? file,
        ImportRequest request, PhaseClock? phases, CancellationToken cancellationToken)
    {
        phases?.Start();
        await UseBulkSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (request.RequestId is { } requestId && await FindRequestAsync(connection, requestId, cancellationToken).ConfigureAwait(false) is { } earlier)
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

        // Into an empty registry (a store's first import) every staged row is a new participation of a new person. Such an
        // import stages through a second session (see StagingSession and LoadIntoEmptyRegistryAsync); any other stages into
        // this session's temporary tables and merges them with the stored rows (MergeAsync).
        var intoEmptyRegistry = await IsEmptyAsync(connection, "participant", cancellationToken).ConfigureAwait(false)
            && await IsEmptyAsync(connection, "participation", cancellationToken).ConfigureAwait(false);
        await using var staging = intoEmptyRegistry ? await StagingSession.OpenAsync(openStagingConnection, cancellationToken).ConfigureAwait(false) : null;
        var stager = staging?.Connection ?? connection;
        var workTables = staging is null ? WorkTableKind.Temporary : WorkTableKind.Shared;
        var references = await UnknownReferences.ReadStoreAsync(connection, cancellationToken).ConfigureAwait(false);
        var computeFingerprint = request.RequestId is not null;
        var (fingerprint, staged) = await InStagingTransactionAsync(staging, async () =>
        {
            await stager.ExecuteAsync(cancellationToken,
                $"""
                CREATE {workTables.Keyword} TABLE import_row (
                    participant_id          VARCHAR,
                    iso3                    VARCHAR,
                    gender                  VARCHAR,
                    institution_type        VARCHAR,
                    participant_synthetic   BOOLEAN,
                    programme_id            VARCHAR,
                    edition_number          INTEGER,
                    attendance              VARCHAR,
                    participation_synthetic BOOLEAN,
                    record_key              INTEGER,
                    nominated_on            DATE,
                    -- The line (0 for rows given without a file), and a file's country and gender cells where they are not the
                    -- codes (quoted in problems between rows). A row with problems of its own is staged with its keys and no
                    -- attendance.
                    line                    BIGINT,
                    country_cell            VARCHAR,
                    gender_cell             VARCHAR
                ) {workTables.Options}
                """).ConfigureAwait(false);
            return await StageAsync(
                stager, file?.Read() ?? rows!.Select(ParticipationLine.Of), references, request.Progress, computeFingerprint, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (file is not null && file.HasRowProblems)
        {
            // The import fails: list every problem, the rows' own and those between rows, as the file's reader would.
            throw (await RejectFileAsync(connection, file, cancellationToken).ConfigureAwait(false))!;
        }
        references.ThrowIfAny();
        phases?.Mark("stage rows (binary COPY, parse + validate overlapped), check references");

        // A first import works side by side with its staging session. Any other classifies each distinct participant and
        // participation against the store, then applies: the counts come from the same classification the writes use, so
        // they cannot disagree. People first: each participation row then carries its person's key, state and counts, from
        // which a new person's fact rows are written without reading the registry back (see InsertNewPeopleFactsAsync).
        ImportOutcome outcome;
        if (staging is not null)
        {
            outcome = await LoadIntoEmptyRegistryAsync(connection, staging, file, request, staged, phases, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ClassifyParticipantsAsync(connection, WorkTableKind.Temporary, cancellationToken).ConfigureAwait(false);
            await RejectPeopleDescribedTwiceAsync(connection, file, cancellationToken).ConfigureAwait(false);
            phases?.Mark("classify participants");
            outcome = await MergeAsync(connection, file, request, phases, cancellationToken).ConfigureAwait(false);
        }
        if (request.RequestId is { } newRequestId)
        {
            await connection.ExecuteAsync(cancellationToken,
                "INSERT INTO ingest_request (request_id, fingerprint, outcome_json, completed_at) VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TIMESTAMP))",
                newRequestId, fingerprint, JsonSerializer.Serialize(StoredOutcome.From(outcome))).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (await AnalyzeIfLargeAsync(connection, outcome.Participations, outcome.Participants, cancellationToken).ConfigureAwait(false))
        {
            phases?.Mark("analyze the written tables");
        }
        return outcome;
    }

    /// <summary>Runs <paramref name="work"/> in the staging session's own committed transaction, or in the import's when it stages alone.</summary>
    private static Task<T> InStagingTransactionAsync<T>(StagingSession? staging, Func<Task<T>> work, CancellationToken cancellationToken) =>
        staging is null ? work() : staging.CommitAsync(_ => work(), cancellationToken);

    /// <summary>Refuses the batch when <c>import_participant</c> finds a person described twice (see <see cref="ClassifyParticipantsAsync"/>).</summary>
    private static async Task RejectPeopleDescribedTwiceAsync(NpgsqlConnection connection, ParticipationCsvLines? file, CancellationToken cancellationToken)
    {
        if (await connection.ScalarLongAsync(cancellationToken, "SELECT COUNT(*) FROM (SELECT 1 FROM import_participant WHERE described_twice LIMIT 1) t").ConfigureAwait(false) > 0)
        {
            // A person described twice would be joined twice below, so the batch is refused now, naming a repeated
            // participation first as before (found by grouping the staged rows: this path only runs for a refused batch).
            // A file is refused as its reader would refuse it when the person's country or gender differs, or a
            // participation repeats; otherwise (another institution type or synthetic flag) as any batch.
            if (file is not null && await RejectFileAsync(connection, file, cancellationToken).ConfigureAwait(false) is { } rejected)
            {
                throw rejected;
            }
            await RejectDuplicateParticipationsAsync(connection, DuplicatesAmongStagedRows, cancellationToken).ConfigureAwait(false);
            await RejectInconsistentParticipantsAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Groups the staged rows by participant into <c>import_participant</c> (a table of <paramref name="kind"/>),
    /// each classified against the stored people: inserted, updated or the same, with its key, counts and prior values.
    /// </summary>
    private static async Task ClassifyParticipantsAsync(NpgsqlConnection connection, WorkTableKind kind, CancellationToken cancellationToken)
    {
        // Grouped by sorting the staged rows rather than hashing them, and joined to the stored people by merging: the
        // groups then come out in id order, which the numbering's window needs, instead of being sorted again after the
        // join, wide. Backend CPU of the statement on a 1M-row first import: 1.6 s against 2.1 s hashed (same run, load
        // average about 10); the planner, which does not count the second sort's width, prefers hashing on its own.
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL enable_hashagg = off").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL enable_mergejoin = on").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken,
            $"""
            CREATE {kind.Keyword} TABLE import_participant {kind.Options} AS
            SELECT s.participant_id, s.iso3, s.gender, s.institution_type, s.participant_synthetic, s.staged_rows, s.counted_rows,
                   -- A stored person keeps the key they have; a new one takes the file's, else a fresh random one.
                   COALESCE(p.record_key, s.record_key, CAST(floor(random() * 16777216) AS INTEGER)) AS record_key,
                   CASE WHEN p.participant_id IS NULL THEN 'insert'
                        WHEN p.iso3 = s.iso3 AND p.gender = s.gender
                             AND p.institution_type IS NOT DISTINCT FROM s.institution_type
                             AND p.is_synthetic = s.participant_synthetic THEN 'same'
                        ELSE 'update' END AS change,
                   -- New people are numbered after everyone stored, in id order (see migration 004): the new people counted
                   -- up to this id, a running count over the id order. It replaced a row number per (new, id) partition, whose
                   -- sort compared a boolean before the text.
                   CASE WHEN p.participant_id IS NULL
                        THEN CAST((SELECT COALESCE(MAX(participant_key), 0) FROM participant)
                                  + COUNT(*) FILTER (WHERE p.participant_id IS NULL) OVER by_id AS INTEGER)
                        ELSE p.participant_key END AS participant_key,
                   -- More than one description of one person is refused below; found here, in the numbering's window, rather
                   -- than by grouping the table again or by a second window: a running count includes the current row's peers
                   -- (the person's other descriptions), so on a person's first description it runs ahead of the row number.
                   COUNT(*) OVER by_id <> row_number() OVER by_id AS described_twice,
                   p.iso3 AS prior_iso3, p.gender AS prior_gender, p.institution_type AS prior_institution_type, p.is_synthetic AS prior_is_synthetic
            -- Grouping by all five columns is cheaper here than grouping by the id with MIN/MAX over each column (the
            -- DuckDB store's shape): PostgreSQL's text MIN and MAX compare and copy per row.
            FROM (SELECT participant_id, iso3, gender, institution_type, participant_synthetic, MIN(record_key) AS record_key,
                         COUNT(*) AS staged_rows, COUNT(*) FILTER (WHERE attendance IN ('attended', 'completed')) AS counted_rows
                  FROM import_row GROUP BY participant_id, iso3, gender, institution_type, participant_synthetic) s
            LEFT JOIN participant p ON p.participant_id = s.participant_id
            WINDOW by_id AS (ORDER BY s.participant_id)
            """).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL enable_hashagg = on").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL enable_mergejoin = off").ConfigureAwait(false);
        await AnalyzeWorkTableAsync(connection, "import_participant", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The import into a registry that holds rows: classifies each staged row against the stored participations, counts
    /// and journals the changes, and writes them with the fact rows of every person touched, all in this session.
    /// </summary>
    private static async Task<ImportOutcome> MergeAsync(
        NpgsqlConnection connection, ParticipationCsvLines? file, ImportRequest request, PhaseClock? phases, CancellationToken cancellationToken)
    {
        // One row a staged row, not a group: a participation given twice is refused below, so grouping every row only to
        // find the few repeats (a hash aggregate over the whole batch) is replaced by grouping the rows of people with
        // more than one (a person with one row cannot repeat a participation).
        await connection.ExecuteAsync(cancellationToken,
            """
            CREATE TEMP TABLE import_participation AS
            SELECT r.participant_id, r.programme_id, r.edition_number, r.attendance, r.participation_synthetic,
                   -- A blank nomination date keeps the stored one: an outcomes file need not repeat the nominations.
                   COALESCE(r.nominated_on, p.nominated_on) AS nominated_on,
                   CASE WHEN p.participant_id IS NULL THEN 'insert'
                        WHEN p.attendance = r.attendance AND p.is_synthetic = r.participation_synthetic
                             AND (r.nominated_on IS NULL OR r.nominated_on = p.nominated_on) THEN 'same'
                        ELSE 'update' END AS change,
                   p.attendance AS prior_attendance, p.is_synthetic AS prior_is_synthetic, p.nominated_on AS prior_nominated_on,
                   x.participant_key, x.change AS participant_change, x.iso3, x.gender, x.participant_synthetic, x.record_key,
                   x.staged_rows, x.counted_rows
            FROM import_row r
            JOIN import_participant x ON x.participant_id = r.participant_id
            LEFT JOIN participation p
              ON p.participant_id = r.participant_id AND p.programme_id = r.programme_id AND p.edition_number = r.edition_number
            """).ConfigureAwait(false);
        phases?.Mark("classify participations");
        // A file's staged rows are kept until no refusal can come (its repeats are named by line from them).
        if (file is null)
        {
            await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_row").ConfigureAwait(false);
        }
        var participants = await CountChangesAsync(connection, "import_participant", cancellationToken).ConfigureAwait(false);
        var participations = await CountChangesAsync(connection, "import_participation", cancellationToken).ConfigureAwait(false);
        var deferred = participations.Inserted >= DeferredIndexes.FromInsertedRows
            ? await DeferredIndexes.DropOnEmptyTablesAsync(connection, WrittenTables, cancellationToken).ConfigureAwait(false)
            : null;
        // A participation given twice is refused before anything is written, unless participation's primary key is deferred:
        // rebuilding it checks every row's uniqueness anyway, so the repeats are looked for only when it fails (see
        // RebuildAsync), which saves the hash aggregate over the classified rows.
        var keyFindsRepeats = deferred?.Tables.Contains("participation") == true;
        if (!keyFindsRepeats)
        {
            await RejectDuplicateParticipationsAsync(connection, DuplicatesAmongClassifiedRows, cancellationToken, file).ConfigureAwait(false);
        }
        var importId = await ImportUndo.JournalAsync(connection, request, participations, participants, cancellationToken).ConfigureAwait(false);
        phases?.Mark(deferred is { Tables.Count: > 0 } ? "count, drop the empty tables' indexes, journal" : "count and journal");

        // An update statement scans its classified rows even when none is marked (0.07 and 0.11 s at 1M rows): only run when counted.
        if (participants.Updated > 0)
        {
            await connection.ExecuteAsync(cancellationToken,
                """
                UPDATE participant
                SET iso3 = s.iso3, gender = s.gender, institution_type = s.institution_type, is_synthetic = s.participant_synthetic
                FROM import_participant s
                WHERE participant.participant_id = s.participant_id AND s.change = 'update'
                """).ConfigureAwait(false);
        }
        await InsertNewParticipantsAsync(connection, importId, deferred, cancellationToken).ConfigureAwait(false);
        phases?.Mark("write participants");
        if (participations.Updated > 0)
        {
            await connection.ExecuteAsync(cancellationToken,
                """
                UPDATE participation
                SET attendance = s.attendance, is_synthetic = s.participation_synthetic, nominated_on = s.nominated_on
                FROM import_participation s
                WHERE participation.participant_id = s.participant_id AND participation.programme_id = s.programme_id
                  AND participation.edition_number = s.edition_number AND s.change = 'update'
                """).ConfigureAwait(false);
        }
        await InsertNewParticipationsAsync(connection, "import_participation WHERE change = 'insert'", importId, deferred, cancellationToken).ConfigureAwait(false);
        phases?.Mark("write participations");
        await CreateFactReferenceAsync(connection, cancellationToken).ConfigureAwait(false);
        await InsertNewPeopleFactsAsync(connection, "INSERT INTO participation_fact", "import_participation", cancellationToken).ConfigureAwait(false);
        if (participants.Updated + participants.Unchanged > 0)
        {
            // Only people already stored can need their fact rows rewritten.
            await RefreshStoredPeopleFactsAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_fact_reference").ConfigureAwait(false);
        phases?.Mark("fact rows and flags");
        if (deferred is { Tables.Count: > 0 })
        {
            await RebuildAsync(connection, deferred, keyFindsRepeats ? DuplicatesAmongClassifiedRows : null, file, null, cancellationToken).ConfigureAwait(false);
            phases?.Mark("build the deferred indexes");
        }
        if (file is not null)
        {
            await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_row").ConfigureAwait(false);
        }
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_participation").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_participant").ConfigureAwait(false);
        return new ImportOutcome(participations, participants) { ImportId = importId };
    }

    /// <summary>
    /// A store's first import, staged by <paramref name="staging"/> (see <see cref="StagingSession"/>): every staged row is a
    /// new participation of a new person, so nothing is classified against stored rows, and the two sessions work side by
    /// side. While the staging session groups the people, this one writes the participations (the staged rows as they
    /// are); while the staging session computes the fact rows into <c>import_fact</c>, this one writes the people and builds
    /// the registry's keys. The fact rows are then copied into <c>participation_fact</c>.
    /// </summary>
    /// <remarks>
    /// On a 1M-row import the people take about 2.1 s to group and the fact rows 2.9 s to compute; writing the
    /// participations takes 1.1 s, the people 0.9 s and the registry's keys 1.2-1.7 s. One after the other, as in
    /// <see cref="MergeAsync"/>, the import took 11.0-12.5 s (stop 30).
    /// </remarks>
    private static async Task<ImportOutcome> LoadIntoEmptyRegistryAsync(
        NpgsqlConnection connection, StagingSession staging, ParticipationCsvLines? file, ImportRequest request, long staged, PhaseClock? phases,
        CancellationToken cancellationToken)
    {
        // Until it has committed, the staging session reads participant (its people's numbering starts after the stored
        // ones): this session leaves that table alone until then. Neither session waits for the other until the grouped
        // people, then the fact rows, are read.
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var people = staging.CommitAsync(async stager =>
        {
            await ClassifyParticipantsAsync(stager, WorkTableKind.Shared, stopped.Token).ConfigureAwait(false);
            return true;
        }, stopped.Token);
        Task<bool>? facts = null;
        var participations = new WriteOutcome(staged, 0, 0);
        WriteOutcome participants;
        long? importId;
        DeferredIndexes? registry = null;
        try
        {
            // A large import drops the empty tables' indexes and builds them after the writes (DeferredIndexes); the
            // participations' first, the others' once the people are grouped.
            var large = participations.Inserted >= DeferredIndexes.FromInsertedRows;
            var participationKeys = large
                ? await DeferredIndexes.DropOnEmptyTablesAsync(connection, ["participation"], cancellationToken).ConfigureAwait(false)
                : null;
            // A participation given twice is refused before anything is written, unless participation's primary key is
            // deferred: rebuilding it checks every row's uniqueness anyway (see RebuildAsync).
            var keyFindsRepeats = participationKeys?.Tables.Contains("participation") == true;
            if (!keyFindsRepeats)
            {
                await RejectDuplicateParticipationsAsync(connection, DuplicatesAmongStagedRows, cancellationToken, file).ConfigureAwait(false);
            }
            importId = staged > 0 ? await ImportUndo.NextImportIdAsync(connection, cancellationToken).ConfigureAwait(false) : null;
            CheckCopied("participations", await InsertNewParticipationsAsync(connection, "import_row", importId, participationKeys, cancellationToken).ConfigureAwait(false), staged);
            phases?.Mark("write participations (the staging session groups the people meanwhile)");
            await people.ConfigureAwait(false);
            await RejectPeopleDescribedTwiceAsync(connection, file, cancellationToken).ConfigureAwait(false);
            phases?.Mark("wait for the staging session's people");

            // The counts are the people and the staged rows (a batch that repeats a participation is refused below),
            // without grouping classified rows by change.
            participants = new WriteOutcome(await connection.ScalarLongAsync(cancellationToken, "SELECT COUNT(*) FROM import_participant").ConfigureAwait(false), 0, 0);
            registry = large
                ? await DeferredIndexes.DropOnEmptyTablesAsync(connection, WrittenTables.Where(t => t != "participation"), cancellationToken).ConfigureAwait(false)
                : null;
            await ImportUndo.JournalAsync(connection, request, participations, participants, cancellationToken, importId).ConfigureAwait(false);
            phases?.Mark(large ? "count, drop the other empty tables' indexes, journal" : "count and journal");

            // From here the staging session reads only its own tables and the catalogue.
            facts = staging.CommitAsync(async stager =>
            {
                await CreateFactReferenceAsync(stager, stopped.Token).ConfigureAwait(false);
                await InsertNewPeopleFactsAsync(
                    stager, $"CREATE {WorkTableKind.Shared.Keyword} TABLE import_fact ({FactColumns}) {WorkTableKind.Shared.Options} AS", StagedRowsOfNewPeople, stopped.Token).ConfigureAwait(false);
                await stager.ExecuteAsync(stopped.Token, "DROP TABLE import_fact_reference").ConfigureAwait(false);
                return true;
            }, stopped.Token);
            await InsertNewParticipantsAsync(connection, importId, registry, cancellationToken).ConfigureAwait(false);
            phases?.Mark("write participants (the staging session computes the fact rows meanwhile)");
            // The registry's keys are built while the fact rows are still being computed.
            if (participationKeys is { Tables.Count: > 0 })
            {
                await RebuildAsync(connection, participationKeys, keyFindsRepeats ? DuplicatesAmongStagedRows : null, file, null, cancellationToken).ConfigureAwait(false);
            }
            if (registry is { Tables.Count: > 0 })
            {
                await RebuildAsync(connection, registry, null, file, ["participant"], cancellationToken).ConfigureAwait(false);
            }
            if (large)
            {
                phases?.Mark("build the registry's deferred indexes");
            }
            await facts.ConfigureAwait(false);
        }
        catch
        {
            // This session's failure is the one to report. The staging session's statement is stopped and waited for, so the
            // session is idle when it is closed.
            await stopped.CancelAsync().ConfigureAwait(false);
            await Settled(people).ConfigureAwait(false);
            if (facts is not null)
            {
                await Settled(facts).ConfigureAwait(false);
            }
            throw;
        }
        phases?.Mark("wait for the staging session's fact rows");
        CheckCopied("fact rows", await connection.ExecuteAsync(cancellationToken, "INSERT INTO participation_fact SELECT * FROM import_fact").ConfigureAwait(false), staged);
        phases?.Mark("copy the fact rows");
        if (registry is { Tables.Count: > 0 })
        {
            await RebuildAsync(connection, registry, null, file, null, cancellationToken).ConfigureAwait(false);
            phases?.Mark("build the deferred indexes");
        }
        // Dropped with the import's commit; left for the store to drop when it rolls back (see StagingSession).
        await connection.ExecuteAsync(cancellationToken, $"DROP TABLE {string.Join(", ", StagingSession.Tables)}").ConfigureAwait(false);
        return new ImportOutcome(participations, participants) { ImportId = importId };
    }

    /// <summary>Waits for <paramref name="task"/> to end, however it ends: stopped, or failed on its own, it wrote nothing an import keeps.</summary>
    private static async Task Settled(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception) when (!task.IsCompletedSuccessfully)
        {
            // Its failure, if any, is not the one to report.
        }
    }

    /// <summary>
    /// Fails the import when a copy from the staging session's tables wrote other than every staged row: the import's
    /// transaction must read committed rows (READ COMMITTED, which the store asks for); under a snapshot taken before
    /// the staging session committed it would read none, and must not commit an empty copy.
    /// </summary>
    private static void CheckCopied(string what, long written, long staged)
    {
        if (written != staged)
        {
            throw new InvalidOperationException($"the import wrote {written} {what} of {staged} staged rows; nothing was kept.");
        }
    }

    /// <summary>The columns of <c>participation_fact</c>, in its order.</summary>
    private const string FactColumns =
        "participant_key, programme_id, edition_number, year, modality, host_country, reference_date, iso3, oic_group, gender, "
        + "is_counted, is_synthetic, counts_as_member, is_single, is_single_in_year, record_key, attendance";

    /// <summary>Inserts the people <c>import_participant</c> marks new, numbered by this import.</summary>
    private static async Task InsertNewParticipantsAsync(NpgsqlConnection connection, long? importId, DeferredIndexes? deferred, CancellationToken cancellationToken)
    {
        // In id order for the primary key's B-tree; with the index deferred the order buys nothing and the sort is saved.
        await connection.ExecuteAsync(cancellationToken,
            """
            INSERT INTO participant (participant_id, iso3, gender, institution_type, is_synthetic, participant_key, record_key, inserted_by_import)
            SELECT participant_id, iso3, gender, institution_type, participant_synthetic, participant_key, record_key, CAST($1 AS BIGINT)
            FROM import_participant WHERE change = 'insert'
            """ + (deferred?.Tables.Contains("participant") == true ? "" : "\nORDER BY participant_id"), importId).ConfigureAwait(false);
    }

    /// <summary>Inserts the participations of <paramref name="newRows"/> (a table of staged or classified rows, with its filter; not input); returns how many.</summary>
    private static async Task<int> InsertNewParticipationsAsync(NpgsqlConnection connection, string newRows, long? importId, DeferredIndexes? deferred, CancellationToken cancellationToken) =>
        // In key order for the primary key's B-tree, as for the participants. With the key deferred the rows go in as
        // staged: a new person's fact rows are not read back from this table, so its order buys nothing.
        await connection.ExecuteAsync(cancellationToken,
            $"""
            INSERT INTO participation (participant_id, programme_id, edition_number, attendance, is_synthetic, nominated_on, inserted_by_import)
            SELECT participant_id, programme_id, edition_number, attendance, participation_synthetic, nominated_on, CAST($1 AS BIGINT)
            FROM {newRows}
            """ + (deferred?.Tables.Contains("participation") == true ? "" : "\nORDER BY participant_id, programme_id, edition_number"), importId).ConfigureAwait(false);

    /// <summary>The tables a participations import writes, whose planner statistics it refreshes after a large import.</summary>
    internal static readonly IReadOnlyList<string> WrittenTables =
        ["participant", "participation", "participation_fact", "import_participant_change", "import_participation_change"];

    /// <summary>
    /// Runs <c>ANALYZE</c> on the tables the import wrote, in its transaction, when it changed more rows than
    /// autovacuum's own threshold (50 rows plus 10 % of the participations counted at the last analysis, or any change to
    /// a table never analysed); returns whether it did.
    /// </summary>
    /// <remarks>
    /// Autovacuum would come to the same conclusion, but only at its next round (a minute apart by default) and after
    /// the commit: the first queries after a large import (the dashboards' and the service's warm-up) were planned on
    /// the statistics of the table before it, such as an empty one. Inside the transaction ANALYZE samples the rows the
    /// import wrote (a transaction sees its own rows), and the new statistics commit, or roll back, with them.
    /// </remarks>
    internal static async Task<bool> AnalyzeIfLargeAsync(NpgsqlConnection connection, WriteOutcome participations, WriteOutcome participants, CancellationToken cancellationToken)
    {
        var changed = Math.Max(participations.Inserted + participations.Updated, participants.Inserted + participants.Updated);
        if (changed == 0)
        {
            return false;
        }
        var counted = await connection.ScalarLongAsync(cancellationToken, "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass('participation')").ConfigureAwait(false);
        if (counted >= 0 && changed <= 50 + (counted / 10))
        {
            return false;
        }
        await connection.ExecuteAsync(cancellationToken, $"ANALYZE {string.Join(", ", WrittenTables)}").ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// How many entries <c>ANALYZE</c> keeps per column of the import's work tables (and so how many rows it samples:
    /// 300 times this). The server's default (100) samples 30,000 rows of each; the plans of the import's statements need
    /// the tables' sizes and rough shapes only, and they were the same at 10 (EXPLAIN on a 1M-row first import).
    /// </summary>
    private const int WorkTableStatisticsTarget = 10;

    /// <summary>
    /// <c>ANALYZE</c> of one of the import's work tables (named by the store, not input) from a small sample: on a
    /// 1M-row first import it took 25-34 ms against 200-230 ms for <c>import_row</c>, and 28 against 130-165 ms for
    /// <c>import_participant</c>. The target is set for this statement only, so the written tables' own analysis (see
    /// <see cref="AnalyzeIfLargeAsync"/>), which the service's queries are planned on, keeps the server's detail.
    /// </summary>
    private static async Task AnalyzeWorkTableAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(cancellationToken, $"SET LOCAL default_statistics_target = {WorkTableStatisticsTarget}").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, $"ANALYZE {table}").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL default_statistics_target = DEFAULT").ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="table"/> (one of the store's own, not input) has no row.</summary>
    private static async Task<bool> IsEmptyAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        await connection.ScalarLongAsync(cancellationToken, $"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT 1) t").ConfigureAwait(false) == 0;

    /// <summary>Sets, for the caller's transaction only, what a statement over a whole import's rows needs.</summary>
    /// <remarks>
    /// <c>work_mem</c>: the classification's hash aggregates and the fact rows' window sort each hold about a million
    /// rows of a 1M-row import, and at the default 4 MB they spilled to disk in batches (external merges of 35-120 MB
    /// each, seen with auto_explain). Writes are serialised by the write lock, so one import at a time uses it.
    /// <c>maintenance_work_mem</c>: the deferred index builds of a first import (<see cref="DeferredIndexes"/>) sort every
    /// row of a table; participation's key over 1M rows does not fit the default 64 MB.
    /// <c>jit</c>: compiling each large statement cost seconds (2.6 s for the fact rows' on a busy machine) and bought
    /// nothing measurable on these plans, which are scans, sorts and hash joins of plain columns.
    /// <c>enable_mergejoin</c>: the planner underestimates three-column joins of freshly written rows (497 rows guessed
    /// for 300,000) and then sorts both sides on text keys to merge them; hashing the smaller side is the right plan for
    /// every join of a whole import (the people's classification turns merging back on for its one statement, to merge
    /// groups already in id order).
    /// Not set: <c>temp_buffers</c> (the staged and classified rows live in temporary tables, in 8 MB of local buffers by
    /// default): at 1 GB the import's statements took no less CPU (the evicted pages go to the OS cache, not the disk), and
    /// it can only be set before a session first touches a temporary table, which a pooled connection may have done.
    /// Parallel workers: every large statement reads a temporary table, which only its own backend can read.
    /// </remarks>
    public static async Task UseBulkSettingsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(cancellationToken, $"SET LOCAL work_mem = '{ImportWorkMemory}'").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, $"SET LOCAL maintenance_work_mem = '{ImportWorkMemory}'").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL jit = off").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "SET LOCAL enable_mergejoin = off").ConfigureAwait(false);
    }

    /// <summary>
    /// Rewrites the <c>participation_fact</c> rows of every participant in <c>import_participant</c> that is marked
    /// <c>'update'</c>, or marked <c>'same'</c> with a participation in <c>import_participation</c> that is not: a changed
    /// country or gender touches all of a person's rows, and every row of a touched person is rewritten, so
    /// <c>is_single</c> and <c>is_single_in_year</c> (their only counted participation, overall and in that year) are judged
    /// over all of them. Runs after the base tables are written, in the same transaction; a person's attributes come from
    /// <c>import_participant</c>, which the participant rows now equal, saving a join on the text id. Undoing an import
    /// calls it with every person involved marked <c>'update'</c>; an import writes its new people's rows first
    /// (<see cref="InsertNewPeopleFactsAsync"/>).
    /// </summary>
    public static async Task RefreshImportedFactsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await CreateFactReferenceAsync(connection, cancellationToken).ConfigureAwait(false);
        await RefreshStoredPeopleFactsAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_fact_reference").ConfigureAwait(false);
    }

    /// <summary>
    /// Materialises the edition- and country-derived fact columns as <c>import_fact_reference</c>: through the view, the
    /// membership test (a subquery on membership_suspension) ran once per fact row written, about a million times for a
    /// 1M-row import, where the table holds one row per (edition, country) pair, some tens of thousands.
    /// </summary>
    private static async Task CreateFactReferenceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(cancellationToken, "CREATE TEMP TABLE import_fact_reference AS SELECT * FROM fact_reference").ConfigureAwait(false);
        await AnalyzeWorkTableAsync(connection, "import_fact_reference", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The staged rows of a first import (into an empty registry) in the columns of <c>import_participation</c> that
    /// <see cref="InsertNewPeopleFactsAsync"/> reads: each row joined to its person's row for the key, attributes and
    /// counts. Every row is a new participation of a new person, so there is nothing else to classify.
    /// </summary>
    private const string StagedRowsOfNewPeople =
        """
        (SELECT x.participant_key, r.programme_id, r.edition_number, x.iso3, x.gender, r.attendance, r.participation_synthetic,
                x.participant_synthetic, x.record_key, x.counted_rows, 'insert' AS participant_change
         FROM import_row r JOIN import_participant x ON x.participant_id = r.participant_id)
        """;

    /// <summary>
    /// Writes the fact rows of the people this import inserts, from <paramref name="classifiedRows"/> alone
    /// (<c>import_participation</c>, or <see cref="StagedRowsOfNewPeople"/> on a first import): a new person's
    /// participations are all in this import, so the rows carry everything (the person's key, attributes and counts of
    /// staged and counted rows) and the registry is not read back by the text id.
    /// </summary>
    /// <remarks>
    /// The flags need no window over most people: with at most one counted participation, a row is the person's only
    /// counted one overall and in its year exactly when it is counted. Only the rows of people with two or more counted
    /// participations (about a third of a generated 1M-row registry's rows) are sorted by person and year, to count the
    /// year's. On a 1M-row first import this statement took 1.9 s of backend CPU where joining the written participations
    /// back and sorting every row took 4.0 s (same run, load average about 15).
    /// </remarks>
    private static async Task InsertNewPeopleFactsAsync(NpgsqlConnection connection, string into, string classifiedRows, CancellationToken cancellationToken)
    {
        // into (an INSERT INTO or CREATE TABLE ... AS head) and classifiedRows (one of the two sources) are the store's, not input.
        await connection.ExecuteAsync(cancellationToken,
            $"""
            {into}
            SELECT q.participant_key, q.programme_id, q.edition_number,
                   r.year, r.modality, r.host_country, r.reference_date, q.iso3, r.oic_group, q.gender,
                   (q.attendance IN ('attended', 'completed')), (q.participation_synthetic OR q.participant_synthetic), r.counts_as_member,
                   (q.attendance IN ('attended', 'completed')) AND q.counted_rows = 1,
                   (q.attendance IN ('attended', 'completed')) AND q.counted_rows = 1,
                   q.record_key, q.attendance
            FROM {classifiedRows} q
            JOIN import_fact_reference r ON r.programme_id = q.programme_id AND r.edition_number = q.edition_number AND r.iso3 = q.iso3
            WHERE q.participant_change = 'insert' AND q.counted_rows < 2
            UNION ALL
            SELECT q.participant_key, q.programme_id, q.edition_number,
                   r.year, r.modality, r.host_country, r.reference_date, q.iso3, r.oic_group, q.gender,
                   (q.attendance IN ('attended', 'completed')), (q.participation_synthetic OR q.participant_synthetic), r.counts_as_member,
                   false,
                   (q.attendance IN ('attended', 'completed'))
                       AND COUNT(*) FILTER (WHERE q.attendance IN ('attended', 'completed')) OVER (PARTITION BY q.participant_key, r.year) = 1,
                   q.record_key, q.attendance
            FROM {classifiedRows} q
            JOIN import_fact_reference r ON r.programme_id = q.programme_id AND r.edition_number = q.edition_number AND r.iso3 = q.iso3
            WHERE q.participant_change = 'insert' AND q.counted_rows >= 2
            """).ConfigureAwait(false);
    }

    /// <summary>The fact rows of touched people already stored (see <see cref="RefreshImportedFactsAsync"/>), over <c>import_fact_reference</c>.</summary>
    private static async Task RefreshStoredPeopleFactsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The 'same' people are tested against the changed participations only when there are such people: the hashed
        // subquery is built on first use.
        await connection.ExecuteAsync(cancellationToken,
            """
            CREATE TEMP TABLE import_refresh AS
            SELECT participant_key, participant_id, iso3, gender, participant_synthetic, record_key, change FROM import_participant
            WHERE change = 'update'
               OR (change = 'same' AND participant_id IN (SELECT participant_id FROM import_participation WHERE change <> 'same'))
            """).ConfigureAwait(false);
        if (await connection.ScalarLongAsync(cancellationToken, "SELECT COUNT(*) FROM (SELECT 1 FROM import_refresh LIMIT 1) t").ConfigureAwait(false) > 0)
        {
            // Without statistics the planner guessed a third of its rows and sort-merged the fact rows with the reference
            // table on three text columns instead of hashing the small reference table.
            await AnalyzeWorkTableAsync(connection, "import_refresh", cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(cancellationToken,
                "DELETE FROM participation_fact WHERE participant_key IN (SELECT participant_key FROM import_refresh)").ConfigureAwait(false);
            await connection.ExecuteAsync(cancellationToken,
                """
                INSERT INTO participation_fact
                -- The touched people's participations first, materialised: participation's statistics predate this
                -- import's rows, and with them the planner once joined every participation to the reference table on
                -- the edition alone (62 million rows, eight minutes) before narrowing by country.
                WITH person_row AS MATERIALIZED (
                    SELECT x.participant_key, x.iso3, x.gender, x.participant_synthetic, x.record_key,
                           pn.programme_id, pn.edition_number, pn.attendance, pn.is_synthetic
                    FROM import_refresh x
                    JOIN participation pn ON pn.participant_id = x.participant_id)
                SELECT x.participant_key, x.programme_id, x.edition_number,
                       r.year, r.modality, r.host_country, r.reference_date, x.iso3, r.oic_group, x.gender,
                       (x.attendance IN ('attended', 'completed')), (x.is_synthetic OR x.participant_synthetic), r.counts_as_member,
                       (x.attendance IN ('attended', 'completed'))
                           AND COUNT(*) FILTER (WHERE x.attendance IN ('attended', 'completed')) OVER (PARTITION BY x.participant_key) = 1,
                       (x.attendance IN ('attended', 'completed'))
                           AND COUNT(*) FILTER (WHERE x.attendance IN ('attended', 'completed')) OVER (PARTITION BY x.participant_key, r.year) = 1,
                       x.record_key, x.attendance
                FROM person_row x
                JOIN import_fact_reference r ON r.programme_id = x.programme_id AND r.edition_number = x.edition_number AND r.iso3 = x.iso3
                -- One sort (by person, then year) serves both flags, each a count over a whole partition: the person's rows, and
                -- the person's rows in that year. The same counts as frames of one window ordered by year (all rows, and the
                -- current row's peers) cost more: PostgreSQL evaluates such frames row by row (the statement took 6.2 s against
                -- 5.0 s in EXPLAIN ANALYZE, 1M rows, load average about 10).
                """).ConfigureAwait(false);
        }
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_refresh").ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the lines into <c>import_row</c> with binary COPY, each with its line: the valid rows in full, and the rows
    /// with problems of their own by the keys the checks between rows compare (and no attendance). Rows given without a
    /// file come as <see cref="ParticipationLine.Of"/>, and each valid row's edition and member state are checked against
    /// the store's (<paramref name="references"/>). The reader keeps nothing per row or person; returns how many rows
    /// and a fingerprint of what was staged (a SHA-256 of the rows when the import has a request id and the fingerprint is
    /// kept, else only the count).
    /// </summary>
    /// <remarks>Binary COPY sends each value in its wire form, with no SQL to parse per row: the import's staging costs
    /// about what reading the rows costs (row-by-row INSERTs would be an order of magnitude slower).</remarks>
    private static async Task<(string Fingerprint, long Count)> StageAsync(
        NpgsqlConnection connection, IEnumerable<ParticipationLine> lines, UnknownReferences references, IProgress<long>? progress, bool computeFingerprint, CancellationToken cancellationToken)
    {
        using var hash = computeFingerprint ? new RowFingerprint() : null;
        var counter = new StagedRowCounter(progress, cancellationToken);
        var copy = await BinaryCopyWriter.BeginAsync(
            connection,
            """
            COPY import_row (participant_id, iso3, gender, institution_type, participant_synthetic, programme_id, edition_number,
                             attendance, participation_synthetic, record_key, nominated_on, line, country_cell, gender_cell) FROM STDIN (FORMAT BINARY)
            """,
            fieldsPerRow: 14,
            cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            // Parsing runs on a worker thread a few batches ahead while this thread copies. The values go into the writer's
            // buffer (BinaryCopyWriter: a few bytes a value, where Npgsql's importer bound a parameter per value), which
            // sends it when full; disposing the writer without completing it cancels the COPY.
            foreach (var line in ReadAhead.Of(lines, cancellationToken))
            {
                copy.StartRow();
                copy.Write(line.ParticipantId.Value);
                copy.WriteOrNull(line.Country?.Value);
                copy.WriteOrNull(line.Gender?.Code());
                if (line.Participation is { } row)
                {
                    WriteParticipationFields(copy, row);
                    hash?.Add(row);
                    references.Check(row);
                }
                else
                {
                    copy.WriteNull();
                    copy.WriteNull();
                    if (line.Edition is { } edition)
                    {
                        copy.Write(edition.Programme.Value);
                        copy.Write(edition.Number);
                    }
                    else
                    {
                        copy.WriteNull();
                        copy.WriteNull();
                    }
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.WriteNull();
                    copy.WriteNull();
                }
                copy.Write(line.Line);
                copy.WriteOrNull(line.CountryCell);
                copy.WriteOrNull(line.GenderCell);
                counter.Add();
            }
            counter.Finish();
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        // PostgreSQL keeps no statistics on temp tables until asked: without them the merge below is planned for a
        // tiny table and joins a million rows by nested loops.
        await AnalyzeWorkTableAsync(connection, "import_row", cancellationToken).ConfigureAwait(false);
        return (hash is null ? $"rows:{counter.Count}" : hash.Finish(counter.Count), counter.Count);
    }

    /// <summary>A participation's own fields of <c>import_row</c>, institution type to nomination date, in the COPY's column order.</summary>
    private static void WriteParticipationFields(BinaryCopyWriter copy, Participation row)
    {
        var p = row.Participant;
        copy.WriteOrNull(p.InstitutionType);
        copy.Write(p.IsSynthetic);
        copy.Write(row.Edition.Programme.Value);
        copy.Write(row.Edition.Number);
        copy.Write(row.Status.Code());
        copy.Write(row.IsSynthetic);
        copy.WriteOrNull(p.RecordKey);
        copy.WriteOrNull(row.NominatedOn);
    }

    /// <summary>
    /// The file's refusal: its rows' own problems and the problems between its staged rows (a participant's country or
    /// gender other than on their first line, a second line for a participant and edition), found over <c>import_row</c>
    /// by the DuckDB store's query, in the words and order of <see cref="ParticipationCsv.Read"/>; null when there are none.
    /// </summary>
    private static async Task<ImportRejectedException?> RejectFileAsync(NpgsqlConnection connection, ParticipationCsvLines file, CancellationToken cancellationToken)
    {
        // Each check compares a line with the person's first line (a person's country and gender), or with the first line
        // of the same person and edition; a first line without a known country (gender, edition) checks none.
        await connection.ExecuteAsync(cancellationToken,
            """
            CREATE TEMP TABLE import_across AS
            WITH r AS (
                SELECT line, participant_id, iso3, gender, programme_id, edition_number, country_cell, gender_cell,
                       FIRST_VALUE(line) OVER person AS first_line,
                       FIRST_VALUE(iso3) OVER person AS first_iso3,
                       FIRST_VALUE(gender) OVER person AS first_gender,
                       MIN(line) OVER (PARTITION BY participant_id, programme_id, edition_number) AS first_in_edition
                FROM import_row
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
            """).ConfigureAwait(false);
        var total = await connection.ScalarLongAsync(cancellationToken, "SELECT COUNT(*) FROM import_across").ConfigureAwait(false);
        var problems = new List<AcrossRowsProblem>();
        await using (var command = connection.Command(
            $"SELECT line, field, participant_id, first_line, first_value, value, cell FROM import_across ORDER BY line, field LIMIT {ParticipationCsv.MaxProblemsListed}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                problems.Add(AcrossRowsProblem.FromStaged(
                    reader.GetInt32(1), reader.GetInt64(0), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
            }
        }
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_across").ConfigureAwait(false);
        return file.Reject(problems, total);
    }

    /// <summary>Up to ten participations given more than once, named, from the classified rows (one a staged row).</summary>
    /// <remarks>Only a person with more than one staged row can give a participation twice.</remarks>
    private const string DuplicatesAmongClassifiedRows =
        """
        SELECT participant_id || ' in ' || programme_id || '/' || CAST(edition_number AS VARCHAR) || ' (' || CAST(COUNT(*) AS VARCHAR) || ' times)'
        FROM import_participation WHERE staged_rows > 1
        GROUP BY participant_id, programme_id, edition_number HAVING COUNT(*) > 1
        ORDER BY participant_id, programme_id, edition_number LIMIT 10
        """;

    /// <summary>As <see cref="DuplicatesAmongClassifiedRows"/>, from the staged rows, for a batch refused before its participations are classified.</summary>
    private const string DuplicatesAmongStagedRows =
        """
        SELECT participant_id || ' in ' || programme_id || '/' || CAST(edition_number AS VARCHAR) || ' (' || CAST(COUNT(*) AS VARCHAR) || ' times)'
        FROM import_row
        GROUP BY participant_id, programme_id, edition_number HAVING COUNT(*) > 1
        ORDER BY participant_id, programme_id, edition_number LIMIT 10
        """;

    /// <summary>
    /// Builds the deferred indexes of <paramref name="tables"/> (every table's when null). With <paramref name="repeatsQuery"/>
    /// they include participation's primary key, built in place of the duplicate check: when a key finds a repeated row,
    /// the build is rolled back to a savepoint and the batch is refused naming the repeats (by that query), as the check
    /// would have before the writes (the caller's transaction then rolls back the rest).
    /// </summary>
    /// <remarks>
    /// The check is a hash aggregate over the classified rows of people with more than one: on a 1M-row first import 0.64
    /// and 0.89 s of backend CPU in two runs (load average 8-9), where the savepoint costs nothing measurable. The person's
    /// key cannot fail this way: a person described twice is refused when people are classified.
    /// </remarks>
    private static async Task RebuildAsync(
        NpgsqlConnection connection, DeferredIndexes deferred, string? repeatsQuery, ParticipationCsvLines? file, IReadOnlyCollection<string>? tables,
        CancellationToken cancellationToken)
    {
        if (repeatsQuery is null)
        {
            await deferred.RebuildAsync(connection, tables, cancellationToken).ConfigureAwait(false);
            return;
        }
        await connection.ExecuteAsync(cancellationToken, "SAVEPOINT deferred_indexes").ConfigureAwait(false);
        try
        {
            await deferred.RebuildAsync(connection, tables, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await connection.ExecuteAsync(cancellationToken, "ROLLBACK TO SAVEPOINT deferred_indexes").ConfigureAwait(false);
            await RejectDuplicateParticipationsAsync(connection, repeatsQuery, cancellationToken, file).ConfigureAwait(false);
            throw;
        }
        await connection.ExecuteAsync(cancellationToken, "RELEASE SAVEPOINT deferred_indexes").ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses a batch that gives one participation twice (whatever the attendance), named by <paramref name="duplicatesQuery"/>;
    /// a file's (whose staged rows are still in <c>import_row</c>) as its reader would refuse it, by line.
    /// </summary>
    private static async Task RejectDuplicateParticipationsAsync(NpgsqlConnection connection, string duplicatesQuery, CancellationToken cancellationToken, ParticipationCsvLines? file = null)
    {
        var duplicated = await connection.StringsAsync(cancellationToken, duplicatesQuery).ConfigureAwait(false);
        if (duplicated.Count > 0)
        {
            if (file is not null && await RejectFileAsync(connection, file, cancellationToken).ConfigureAwait(false) is { } rejected)
            {
                throw rejected;
            }
            throw new ArgumentException(
                $"duplicate participation(s) in the same import: {string.Join(", ", duplicated)}; each participant appears at most once per edition.", "rows");
        }
    }

    /// <summary>Refuses a batch that gives one participant two different descriptions (country, gender, institution, synthetic flag).</summary>
    private static async Task RejectInconsistentParticipantsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var conflicting = await connection.StringsAsync(cancellationToken,
            """
            SELECT DISTINCT participant_id FROM import_participant
            WHERE described_twice ORDER BY participant_id LIMIT 10
            """).ConfigureAwait(false);
        if (conflicting.Count > 0)
        {
            throw new ArgumentException(
                $"participant(s) {string.Join(", ", conflicting)} appear with different country, gender, institution type or synthetic flag "
                + "in the same import; give each participant one description.", "rows");
        }
    }

    private static async Task<WriteOutcome> CountChangesAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        long inserted = 0, updated = 0, unchanged = 0;
        await using var command = connection.Command($"SELECT change, COUNT(*) FROM {table} GROUP BY change");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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

    private static async Task<(ImportOutcome Outcome, string Fingerprint)?> FindRequestAsync(NpgsqlConnection connection, string requestId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT outcome_json, fingerprint FROM ingest_request WHERE request_id = $1", requestId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) && JsonSerializer.Deserialize<StoredOutcome>(r.GetString(0))?.ToOutcome() is { } outcome
            ? (outcome, r.GetString(1))
            : null;
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
