using System.Runtime.CompilerServices;

using DuckDB.NET.Data;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The store's reads that are not reference data: per-edition statistics, the registry stream and the semantic engine's
/// parameterised statements, run through the store's <see cref="IStoreDatabase"/>.
/// </summary>
/// <threadsafety>All members are safe to call from several threads at once.</threadsafety>
internal sealed class StoreReads(IStoreDatabase database)
{
    // How often (in rows) a streaming read checks for cancellation.
    private const int CancellationCheckInterval = 1_024;

    /// <summary>Per edition: registry counts beside the published totals, computed in SQL (<see cref="EditionStatisticsQuery"/>).</summary>
    public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(EditionStatisticsQuery.Read, cancellationToken);

    /// <summary>Streams every participation in a stable order (programme, edition, participant).</summary>
    /// <remarks>
    /// Rows are built through <paramref name="catalogue"/>, so it must know every edition and country in the
    /// store (load it with <see cref="ReferenceData.LoadCatalogueAsync"/>). The query streams: memory stays flat however
    /// large the registry is. The stream reads one snapshot; writes that commit meanwhile are not seen.
    /// </remarks>
    public async IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        await Task.Yield();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.Command(RegistryStream.Statement);
        command.UseStreamingMode = true;
        using var r = command.ExecuteReader();
        var rows = new RegistryStream(catalogue);
        long count = 0;
        while (r.Read())
        {
            if (++count % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            yield return rows.Read(r);
        }
        transaction.Rollback();
    }

    /// <summary>Runs a read-only parameterised statement (from the semantic engine) and returns its rows.</summary>
    /// <remarks>
    /// The statement runs inside a transaction that is always rolled back, so even a statement that tries
    /// to write leaves the store unchanged. Parameters bind to <c>$1..$n</c> in order; values come back as
    /// described in <see cref="SqlRows"/> (DECIMAL as double, every integer width as long), read column by
    /// column into typed storage (see <see cref="SqlRows.ColumnData"/>; <see cref="SqlRows.Rows"/> is built
    /// from it on first use). Cancelling
    /// <paramref name="cancellationToken"/> interrupts DuckDB mid-statement (a call's deadline stops the
    /// aggregation itself, not only the reading of its rows) and throws <see cref="OperationCanceledException"/>.
    /// </remarks>
    public Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var parameters = statement.Parameters.Select((v, i) => DuckDbValues.ToParameter(v, i + 1)).ToArray();
        return database.ReadAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction();
                try
                {
                    using var command = connection.Command(statement.Sql, parameters);
                    using var interrupt = cancellationToken.Register(command.Cancel);
                    using var r = ExecuteInterruptible(command, cancellationToken);
                    var readers = new ColumnReader[r.FieldCount];
                    for (var i = 0; i < readers.Length; i++)
                    {
                        readers[i] = ColumnReader.For(r.GetFieldType(i));
                    }
                    while (r.Read())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
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
                finally
                {
                    transaction.Rollback();
                }
            },
            cancellationToken);
    }
    private static DuckDBDataReader ExecuteInterruptible(DuckDBCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (DuckDBException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the query was cancelled while it ran.", e, cancellationToken);
        }
    }
}
