using System.Runtime.CompilerServices;

using Npgsql;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.Postgres.Sql;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>Reads: per-edition statistics, the registry stream and the semantic engine's parameterised queries.</summary>
internal static class StoreReads
{
    private const int CancellationCheckInterval = 1_024;

    /// <summary>Per edition, registry counts beside the published totals (the statement both stores share).</summary>
    public static IReadOnlyList<EditionStatistics> EditionStatistics(NpgsqlConnection connection) => EditionStatisticsQuery.Read(connection);

    /// <summary>Streams every participation in (programme, edition, participant) order, from one snapshot.</summary>
    public static async IAsyncEnumerable<Participation> ReadParticipationsAsync(
        NpgsqlDataSource source, Catalogue catalogue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(RegistryStream.Statement);
        // Npgsql streams rows as they arrive (it never buffers a whole result): memory stays flat.
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new RegistryStream(catalogue);
        long count = 0;
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (++count % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            yield return rows.Read(r);
        }
    }

    /// <summary>
    /// What every read transaction sets, in one round trip: read only, and no JIT compilation for that transaction only
    /// (<c>SET LOCAL</c>; the pooled connection keeps the server's defaults).
    /// </summary>
    /// <remarks>
    /// The semantic engine's statements over a 1M-row fact table cost more than <c>jit_above_cost</c>, so PostgreSQL
    /// compiled 41 functions for the year x OIC group query each time it ran (without optimisation: 178-243 ms of JIT in
    /// EXPLAIN ANALYZE's timing at load average 30, on a statement of 3.3-4.3 s there) and got nothing measurable back
    /// on plans that scan, sort and aggregate plain columns; the import turns JIT off for the same reason. Tried and not
    /// kept: a larger <c>work_mem</c> (64 and 128 MB) made that query's 705,713-row sort an in-memory quicksort instead of
    /// a 36 MB external merge, but the sort took as long (about 1.1 s either way at that load), and at 128 MB the planner
    /// dropped the parallel plan of the statement's second branch.
    /// </remarks>
    internal const string ReadSettings = "SET TRANSACTION READ ONLY; SET LOCAL jit = off";

    /// <summary>Runs a read-only statement in a transaction that is rolled back, reading each column into typed storage.</summary>
    public static async Task<SqlRows> QueryAsync(NpgsqlDataSource source, SqlStatement statement, CancellationToken cancellationToken)
    {
        var parameters = statement.Parameters.Select((v, i) => ToParameter(v, i + 1)).ToArray();
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var settings = connection.Command(ReadSettings))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var command = connection.Command(statement.Sql, parameters);
        try
        {
            // Npgsql cancels the statement on the server when the token fires, so a deadline stops the aggregation itself.
            await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var readers = new PgColumnReader[r.FieldCount];
            for (var i = 0; i < readers.Length; i++)
            {
                readers[i] = PgColumnReader.For(r.GetDataTypeName(i));
            }
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < readers.Length; i++)
                {
                    readers[i].Read(r, i);
                }
            }
            var columns = new SqlColumn[readers.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = readers[i].Build(r.GetName(i));
            }
            return new SqlRows(columns);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the query was cancelled while it ran.", e, cancellationToken);
        }
    }

    /// <summary>Checks that a parameter value is one <see cref="SqlStatement"/> allows, naming its position otherwise.</summary>
    private static object? ToParameter(object? value, int position) => value switch
    {
        null => null,
        string or long or double or bool or DateOnly => value,
        int i => (long)i,
        decimal m => (double)m,
        float f => (double)f,
        _ => throw new ArgumentException(
            $"parameter ${position} has type {value.GetType().Name}; use string, long, double, bool, DateOnly or null.", nameof(value)),
    };
}
