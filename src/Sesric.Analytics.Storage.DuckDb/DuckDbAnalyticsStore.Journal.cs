using DuckDB.NET.Data;

using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <content>The import journal (what each participations import changed, so one can be undone) and what the store remembers about itself.</content>
public sealed partial class DuckDbAnalyticsStore : IImportJournal, IStoreSeedRecord
{
    /// <inheritdoc/>
    public async Task<StoreSeedState> GetSeedStateAsync(CancellationToken cancellationToken = default)
    {
        var value = await ReadAsync(
            connection =>
            {
                using var command = connection.Command("SELECT value FROM store_info WHERE name = $1", StoreSeedStates.Setting);
                return command.ExecuteScalar() as string;
            },
            cancellationToken).ConfigureAwait(false);
        return StoreSeedStates.Parse(value);
    }

    /// <inheritdoc/>
    public Task SetSeedStateAsync(StoreSeedState state, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, _) => connection.Execute(
                "INSERT INTO store_info (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                StoreSeedStates.Setting,
                StoreSeedStates.Format(state)),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ImportRecord>> ListImportsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ImportRecord>>(connection => ReadBatches(connection, null), cancellationToken);

    /// <inheritdoc/>
    public Task<ImportRecord> UndoImportAsync(long importId, CancellationToken cancellationToken = default) =>
        WriteAsync((connection, _) => Undo(connection, importId), cancellationToken);

    /// <summary>
    /// Restores the rows import <paramref name="importId"/> touched: deletes what it inserted, puts back what it
    /// replaced, and rewrites the fact rows of every person involved the way an import does (through
    /// <see cref="ParticipationImport.RefreshImportedFacts"/>, over the restored rows), all in the caller's transaction.
    /// </summary>
    private static ImportRecord Undo(DuckDBConnection connection, long importId)
    {
        var batch = ReadBatches(connection, importId).SingleOrDefault()
            ?? throw new ImportJournalException($"there is no import {importId} in this store; 'sesric import list' shows the imports it has.");
        if (batch.IsUndone)
        {
            throw new ImportJournalException($"import {importId} was already undone (at {batch.UndoneAt:yyyy-MM-dd HH:mm:ss} UTC).");
        }
        var later = Longs(
            connection,
            """
            WITH mine AS (
                SELECT participant_id FROM import_participant_change WHERE import_id = $1
                UNION SELECT participant_id FROM import_participation_change WHERE import_id = $1),
            theirs AS (
                SELECT import_id, participant_id FROM import_participant_change WHERE import_id > $1
                UNION ALL SELECT import_id, participant_id FROM import_participation_change WHERE import_id > $1)
            SELECT DISTINCT t.import_id FROM theirs t JOIN mine m ON m.participant_id = t.participant_id ORDER BY t.import_id
            """,
            importId);
        if (later.Count > 0)
        {
            throw new ImportJournalException(
                $"import {importId} cannot be undone: later import(s) {string.Join(", ", later)} changed some of the same participants; "
                + $"undo {(later.Count == 1 ? "it" : "them, newest first,")} before this one.");
        }

        connection.Execute("CREATE TEMP TABLE undo_participation AS SELECT * FROM import_participation_change WHERE import_id = $1", importId);
        connection.Execute("CREATE TEMP TABLE undo_participant AS SELECT * FROM import_participant_change WHERE import_id = $1", importId);
        connection.Execute(
            """
            DELETE FROM participation p
            WHERE EXISTS (SELECT 1 FROM undo_participation u
                          WHERE u.change = 'insert' AND u.participant_id = p.participant_id
                            AND u.programme_id = p.programme_id AND u.edition_number = p.edition_number)
            """);
        connection.Execute(
            """
            UPDATE participation SET attendance = u.prior_attendance, is_synthetic = u.prior_is_synthetic, nominated_on = u.prior_nominated_on
            FROM undo_participation u
            WHERE u.change = 'update' AND participation.participant_id = u.participant_id
              AND participation.programme_id = u.programme_id AND participation.edition_number = u.edition_number
            """);
        connection.Execute(
            """
            UPDATE participant
            SET iso3 = u.prior_iso3, gender = u.prior_gender, institution_type = u.prior_institution_type, is_synthetic = u.prior_is_synthetic
            FROM undo_participant u
            WHERE u.change = 'update' AND participant.participant_id = u.participant_id
            """);

        // The shape RefreshImportedFacts reads: every person involved, as 'update' (so their fact rows are deleted and
        // rebuilt from the restored rows; a person the import inserted now has no participation, so gets no fact row).
        connection.Execute(
            """
            CREATE TEMP TABLE import_participant AS
            SELECT p.participant_key, p.participant_id, p.iso3, p.gender, p.is_synthetic AS participant_synthetic, p.record_key, 'update' AS change
            FROM participant p
            WHERE p.participant_id IN (SELECT participant_id FROM undo_participant UNION SELECT participant_id FROM undo_participation)
            """);
        connection.Execute("CREATE TEMP TABLE import_participation AS SELECT participant_id, change FROM undo_participation WHERE false");
        ParticipationImport.RefreshImportedFacts(connection);
        connection.Execute("DROP TABLE import_participation");
        connection.Execute("DROP TABLE import_participant");

        connection.Execute("DELETE FROM participant WHERE participant_id IN (SELECT participant_id FROM undo_participant WHERE change = 'insert')");
        connection.Execute("DROP TABLE undo_participation");
        connection.Execute("DROP TABLE undo_participant");
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
