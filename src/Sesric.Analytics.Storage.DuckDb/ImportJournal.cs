using DuckDB.NET.Data;

using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The import journal: what each participations import changed (recorded by the import, in its transaction, through
/// <see cref="Record"/>), listing the imports and undoing one, through the store's <see cref="IStoreDatabase"/>. The rows
/// an import inserted carry its number in <c>inserted_by_import</c>; the values its updates replaced are in the change
/// tables (migration 011).
/// </summary>
/// <remarks>The same statements as the PostgreSQL store's <c>ImportUndo</c>.</remarks>
/// <threadsafety>All members are safe to call from several threads at once.</threadsafety>
/// <param name="database">The store's database.</param>
/// <param name="rewriteFacts">The import's rewrite of the <c>participation_fact</c> rows of the people in
/// <c>import_participant</c> and <c>import_participation</c>, which undoing runs over the restored rows.</param>
internal sealed class ImportJournal(IStoreDatabase database, Action<DuckDBConnection> rewriteFacts) : IImportJournal
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<ImportRecord>> ListImportsAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ImportRecord>>(connection => ReadBatches(connection, null), cancellationToken);

    /// <inheritdoc/>
    public Task<ImportRecord> UndoImportAsync(long importId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, _) => Undo(connection, importId), cancellationToken);

    /// <summary>
    /// Records an import that changes something: its batch row and, for every participant and participation it
    /// updates, the values it replaced (read from the classification tables, which hold them). The rows it inserts are
    /// not copied here: the import's INSERTs write the returned number into their <c>inserted_by_import</c> (migration
    /// 011). Runs before the base tables are written, in the import's transaction. Returns the import's number, or null
    /// when it changes nothing (then nothing is recorded).
    /// </summary>
    public static long? Record(DuckDBConnection connection, ImportRequest request, WriteOutcome participations, WriteOutcome participants)
    {
        if (participations.WasNoOp && participants.WasNoOp)
        {
            return null;
        }
        var importId = connection.ScalarLong("SELECT COALESCE(MAX(import_id), 0) + 1 FROM import_batch");
        connection.Execute(
            """
            INSERT INTO import_batch (import_id, source, request_id, imported_at, participations_inserted, participations_updated,
                                      participants_inserted, participants_updated)
            VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TIMESTAMP), $4, $5, $6, $7)
            """,
            importId, request.Source, request.RequestId, participations.Inserted, participations.Updated, participants.Inserted, participants.Updated);
        if (participants.Updated > 0)
        {
            connection.Execute(
                """
                INSERT INTO import_participant_change
                SELECT $1, participant_id, change, prior_iso3, prior_gender, prior_institution_type, prior_is_synthetic
                FROM import_participant WHERE change = 'update'
                """,
                importId);
        }
        if (participations.Updated > 0)
        {
            connection.Execute(
                """
                INSERT INTO import_participation_change
                SELECT $1, participant_id, programme_id, edition_number, change, prior_attendance, prior_is_synthetic, prior_nominated_on
                FROM import_participation WHERE change = 'update'
                """,
                importId);
        }
        return importId;
    }

    /// <summary>
    /// Restores the rows import <paramref name="importId"/> touched: deletes the rows it inserted (their
    /// <c>inserted_by_import</c>), puts back the values it replaced (its change rows), and rewrites the fact rows of every
    /// person involved the way an import does (through the import's rewrite of the fact rows, over the restored rows),
    /// all in the caller's transaction. Refused while a later import still in the store inserted or updated a row of one
    /// of those people: its rows would be undone from under it.
    /// </summary>
    private ImportRecord Undo(DuckDBConnection connection, long importId)
    {
        var batch = ReadBatches(connection, importId).SingleOrDefault()
            ?? throw new ImportJournalException($"there is no import {importId} in this store; 'sesric import list' shows the imports it has.");
        if (batch.IsUndone)
        {
            throw new ImportJournalException($"import {importId} was already undone (at {batch.UndoneAt:yyyy-MM-dd HH:mm:ss} UTC).");
        }

        // Everyone the import touched: the people it inserted or updated, and those whose participations it inserted or updated.
        connection.Execute(
            """
            CREATE TEMP TABLE undo_person AS
            SELECT participant_id FROM participant WHERE inserted_by_import = $1
            UNION SELECT participant_id FROM participation WHERE inserted_by_import = $1
            UNION SELECT participant_id FROM import_participant_change WHERE import_id = $1
            UNION SELECT participant_id FROM import_participation_change WHERE import_id = $1
            """,
            importId);
        // A later import that inserted or updated a row of one of them (its inserts through the column, its updates through
        // the change tables; an undone import left neither).
        var later = Longs(
            connection,
            """
            WITH theirs AS (
                SELECT inserted_by_import AS import_id, participant_id FROM participant WHERE inserted_by_import > $1
                UNION ALL SELECT inserted_by_import, participant_id FROM participation WHERE inserted_by_import > $1
                UNION ALL SELECT import_id, participant_id FROM import_participant_change WHERE import_id > $1
                UNION ALL SELECT import_id, participant_id FROM import_participation_change WHERE import_id > $1)
            SELECT DISTINCT t.import_id FROM theirs t JOIN undo_person m ON m.participant_id = t.participant_id ORDER BY t.import_id
            """,
            importId);
        if (later.Count > 0)
        {
            // The caller's transaction rolls back, undo_person with it: nothing changes.
            throw new ImportJournalException(
                $"import {importId} cannot be undone: later import(s) {string.Join(", ", later)} changed some of the same participants; "
                + $"undo {(later.Count == 1 ? "it" : "them, newest first,")} before this one.");
        }

        connection.Execute("DELETE FROM participation WHERE inserted_by_import = $1", importId);
        connection.Execute(
            """
            UPDATE participation SET attendance = u.prior_attendance, is_synthetic = u.prior_is_synthetic, nominated_on = u.prior_nominated_on
            FROM import_participation_change u
            WHERE u.import_id = $1 AND u.change = 'update' AND participation.participant_id = u.participant_id
              AND participation.programme_id = u.programme_id AND participation.edition_number = u.edition_number
            """,
            importId);
        connection.Execute(
            """
            UPDATE participant
            SET iso3 = u.prior_iso3, gender = u.prior_gender, institution_type = u.prior_institution_type, is_synthetic = u.prior_is_synthetic
            FROM import_participant_change u
            WHERE u.import_id = $1 AND u.change = 'update' AND participant.participant_id = u.participant_id
            """,
            importId);

        // The shape the import's fact rewrite reads: every person involved, as 'update' (so their fact rows are deleted and
        // rebuilt from the restored rows; a person the import inserted now has no participation, so gets no fact row).
        connection.Execute(
            """
            CREATE TEMP TABLE import_participant AS
            SELECT p.participant_key, p.participant_id, p.iso3, p.gender, p.is_synthetic AS participant_synthetic, p.record_key, 'update' AS change
            FROM participant p
            WHERE p.participant_id IN (SELECT participant_id FROM undo_person)
            """);
        connection.Execute("CREATE TEMP TABLE import_participation AS SELECT participant_id, CAST('same' AS VARCHAR) AS change FROM undo_person WHERE false");
        rewriteFacts(connection);
        connection.Execute("DROP TABLE import_participation");
        connection.Execute("DROP TABLE import_participant");
        connection.Execute("DROP TABLE undo_person");

        connection.Execute("DELETE FROM participant WHERE inserted_by_import = $1", importId);
        connection.Execute("DELETE FROM import_participant_change WHERE import_id = $1", importId);
        connection.Execute("DELETE FROM import_participation_change WHERE import_id = $1", importId);
        connection.Execute("UPDATE import_batch SET undone_at = CAST(CURRENT_TIMESTAMP AS TIMESTAMP) WHERE import_id = $1", importId);
        if (batch.RequestId is { } requestId)
        {
            // The request id no longer stands for rows in the store: a retry with it imports again.
            connection.Execute("DELETE FROM ingest_request WHERE request_id = $1", requestId);
        }
        return ReadBatches(connection, importId).Single();
    }

    private static List<ImportRecord> ReadBatches(DuckDBConnection connection, long? importId)
    {
        using var command = connection.Command(
            """
            SELECT import_id, source, request_id, imported_at, participations_inserted, participations_updated,
                   participants_inserted, participants_updated, undone_at
            FROM import_batch WHERE $1 IS NULL OR import_id = $1 ORDER BY import_id
            """,
            importId);
        using var reader = command.ExecuteReader();
        var batches = new List<ImportRecord>();
        while (reader.Read())
        {
            batches.Add(new ImportRecord(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                new WriteOutcome(reader.GetInt64(4), reader.GetInt64(5), 0),
                new WriteOutcome(reader.GetInt64(6), reader.GetInt64(7), 0),
                reader.IsDBNull(8) ? null : DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc)));
        }
        return batches;
    }

    private static List<long> Longs(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }
        return values;
    }
}
