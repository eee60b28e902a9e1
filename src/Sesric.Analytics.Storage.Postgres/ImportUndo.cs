using System.Globalization;

using Npgsql;

using Sesric.Analytics.Storage.Postgres.Sql;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// The import journal: what each participations import changed, recorded in its transaction, and undoing one. The rows an
/// import inserted carry its number in <c>inserted_by_import</c>; the values its updates replaced are in the change tables
/// (migration 011). The same statements as the DuckDB store's <c>ImportJournal</c>.
/// </summary>
internal static class ImportUndo
{
    /// <summary>
    /// Records an import that changes something: its batch row and, for every participant and participation it
    /// updates, the values it replaced (read from the classification tables, which hold them). The rows it inserts are
    /// not copied here: the import's INSERTs write the returned number into their <c>inserted_by_import</c>. Runs before
    /// the base tables are written, in the import's transaction. Returns the import's number, or null when it changes
    /// nothing (then nothing is recorded). An import that writes rows before it is journalled takes its number first
    /// (<see cref="NextImportIdAsync"/>) and passes it as <c>importId</c>.
    /// </summary>
    public static async Task<long?> JournalAsync(
        NpgsqlConnection connection, ImportRequest request, WriteOutcome participations, WriteOutcome participants, CancellationToken cancellationToken, long? importId = null)
    {
        if (participations.WasNoOp && participants.WasNoOp)
        {
            return null;
        }
        importId ??= await NextImportIdAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken,
            """
            INSERT INTO import_batch (import_id, source, request_id, imported_at, participations_inserted, participations_updated,
                                      participants_inserted, participants_updated)
            VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TIMESTAMP), $4, $5, $6, $7)
            """,
            importId, request.Source, request.RequestId, participations.Inserted, participations.Updated, participants.Inserted, participants.Updated).ConfigureAwait(false);
        if (participants.Updated > 0)
        {
            await connection.ExecuteAsync(cancellationToken,
                """
                INSERT INTO import_participant_change
                SELECT $1, participant_id, change, prior_iso3, prior_gender, prior_institution_type, prior_is_synthetic
                FROM import_participant WHERE change = 'update'
                """,
                importId).ConfigureAwait(false);
        }
        if (participations.Updated > 0)
        {
            await connection.ExecuteAsync(cancellationToken,
                """
                INSERT INTO import_participation_change
                SELECT $1, participant_id, programme_id, edition_number, change, prior_attendance, prior_is_synthetic, prior_nominated_on
                FROM import_participation WHERE change = 'update'
                """,
                importId).ConfigureAwait(false);
        }
        return importId;
    }

    /// <summary>The number the next import takes (the caller holds the write lock, so no other import takes it meanwhile).</summary>
    public static Task<long> NextImportIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ScalarLongAsync(cancellationToken, "SELECT COALESCE(MAX(import_id), 0) + 1 FROM import_batch");

    /// <summary>
    /// Restores the rows import <paramref name="importId"/> touched: deletes the rows it inserted (their
    /// <c>inserted_by_import</c>), puts back the values it replaced (its change rows), and rewrites the fact rows of every
    /// person involved the way an import does (through <see cref="ParticipationImport.RefreshImportedFactsAsync"/>, over
    /// the restored rows), all in the caller's transaction. Refused while a later import still in the store inserted or
    /// updated a row of one of those people: its rows would be undone from under it.
    /// </summary>
    public static async Task<ImportRecord> UndoAsync(NpgsqlConnection connection, long importId, CancellationToken cancellationToken)
    {
        var batch = ReadBatches(connection, importId).SingleOrDefault()
            ?? throw new ImportJournalException($"there is no import {importId} in this store; 'sesric import list' shows the imports it has.");
        if (batch.IsUndone)
        {
            throw new ImportJournalException($"import {importId} was already undone (at {batch.UndoneAt:yyyy-MM-dd HH:mm:ss} UTC).");
        }

        // An undo of a large import reads and rewrites as many rows as it did, with the same settings.
        await ParticipationImport.UseBulkSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
        // Everyone the import touched: the people it inserted or updated, and those whose participations it inserted or updated.
        // PostgreSQL takes no parameters in CREATE TABLE AS: the id is a number, written as one.
        var id = importId.ToString(CultureInfo.InvariantCulture);
        await connection.ExecuteAsync(cancellationToken,
            $"""
            CREATE TEMP TABLE undo_person AS
            SELECT participant_id FROM participant WHERE inserted_by_import = {id}
            UNION SELECT participant_id FROM participation WHERE inserted_by_import = {id}
            UNION SELECT participant_id FROM import_participant_change WHERE import_id = {id}
            UNION SELECT participant_id FROM import_participation_change WHERE import_id = {id}
            """).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "ANALYZE undo_person").ConfigureAwait(false);
        // A later import that inserted or updated a row of one of them (its inserts through the column, its updates through
        // the change tables; an undone import left neither).
        var later = await connection.LongsAsync(cancellationToken,
            """
            WITH theirs AS (
                SELECT inserted_by_import AS import_id, participant_id FROM participant WHERE inserted_by_import > $1
                UNION ALL SELECT inserted_by_import, participant_id FROM participation WHERE inserted_by_import > $1
                UNION ALL SELECT import_id, participant_id FROM import_participant_change WHERE import_id > $1
                UNION ALL SELECT import_id, participant_id FROM import_participation_change WHERE import_id > $1)
            SELECT DISTINCT t.import_id FROM theirs t JOIN undo_person m ON m.participant_id = t.participant_id ORDER BY t.import_id
            """,
            importId).ConfigureAwait(false);
        if (later.Count > 0)
        {
            // The caller's transaction rolls back, undo_person with it: nothing changes.
            throw new ImportJournalException(
                $"import {importId} cannot be undone: later import(s) {string.Join(", ", later)} changed some of the same participants; "
                + $"undo {(later.Count == 1 ? "it" : "them, newest first,")} before this one.");
        }

        await connection.ExecuteAsync(cancellationToken, "DELETE FROM participation WHERE inserted_by_import = $1", importId).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken,
            """
            UPDATE participation SET attendance = u.prior_attendance, is_synthetic = u.prior_is_synthetic, nominated_on = u.prior_nominated_on
            FROM import_participation_change u
            WHERE u.import_id = $1 AND u.change = 'update' AND participation.participant_id = u.participant_id
              AND participation.programme_id = u.programme_id AND participation.edition_number = u.edition_number
            """,
            importId).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken,
            """
            UPDATE participant
            SET iso3 = u.prior_iso3, gender = u.prior_gender, institution_type = u.prior_institution_type, is_synthetic = u.prior_is_synthetic
            FROM import_participant_change u
            WHERE u.import_id = $1 AND u.change = 'update' AND participant.participant_id = u.participant_id
            """,
            importId).ConfigureAwait(false);

        // The shape RefreshImportedFacts reads: every person involved, as 'update' (so their fact rows are deleted and
        // rebuilt from the restored rows; a person the import inserted now has no participation, so gets no fact row).
        await connection.ExecuteAsync(cancellationToken,
            """
            CREATE TEMP TABLE import_participant AS
            SELECT p.participant_key, p.participant_id, p.iso3, p.gender, p.is_synthetic AS participant_synthetic, p.record_key, 'update' AS change
            FROM participant p
            WHERE p.participant_id IN (SELECT participant_id FROM undo_person)
            """).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "CREATE TEMP TABLE import_participation AS SELECT participant_id, CAST('same' AS VARCHAR) AS change FROM undo_person WHERE false").ConfigureAwait(false);
        await ParticipationImport.RefreshImportedFactsAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_participation").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE import_participant").ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DROP TABLE undo_person").ConfigureAwait(false);

        await connection.ExecuteAsync(cancellationToken, "DELETE FROM participant WHERE inserted_by_import = $1", importId).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DELETE FROM import_participant_change WHERE import_id = $1", importId).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "DELETE FROM import_participation_change WHERE import_id = $1", importId).ConfigureAwait(false);
        await connection.ExecuteAsync(cancellationToken, "UPDATE import_batch SET undone_at = CAST(CURRENT_TIMESTAMP AS TIMESTAMP) WHERE import_id = $1", importId).ConfigureAwait(false);
        if (batch.RequestId is { } requestId)
        {
            // The request id no longer stands for rows in the store: a retry with it imports again.
            await connection.ExecuteAsync(cancellationToken, "DELETE FROM ingest_request WHERE request_id = $1", requestId).ConfigureAwait(false);
        }
        return ReadBatches(connection, importId).Single();
    }

    public static List<ImportRecord> ReadBatches(NpgsqlConnection connection, long? importId)
    {
        using var command = connection.Command(
            """
            SELECT import_id, source, request_id, imported_at, participations_inserted, participations_updated,
                   participants_inserted, participants_updated, undone_at
            FROM import_batch WHERE CAST($1 AS BIGINT) IS NULL OR import_id = CAST($1 AS BIGINT) ORDER BY import_id
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
}
