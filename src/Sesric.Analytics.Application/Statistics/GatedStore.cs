using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Statistics;

/// <summary>
/// The store in the two roles the semantic engine uses (<see cref="IStatementRunner"/>, <see cref="IFactSnapshotSource"/>): each SQL statement (<see cref="QueryAsync"/>) waits for one of the store
/// gate's turns, so at most that many statements run in the database at once; everything else passes straight through.
/// </summary>
/// <remarks>
/// The gate guards the database, not the engine: a query a small store answers in memory (from the store's fact snapshot,
/// read once per write) runs no statement and so never queues behind database work, nor holds a turn that a statement
/// could use. A query that runs two statements (a scope probe, then the scoped statement) takes a turn for each.
/// The decorator does not dispose the store it wraps (the host that opened it does), nor the gate (its owner does); writes
/// and other reads do not go through it.
/// </remarks>
/// <threadsafety>As safe as the wrapped store.</threadsafety>
public sealed class GatedStore(IStatementRunner inner, SemaphoreSlim gate) : IStatementRunner, IFactSnapshotSource
{
    /// <inheritdoc/>
    public StoreDescription Description => inner.Description;

    /// <inheritdoc/>
    /// <remarks>Waits for a turn at the gate (honouring <paramref name="cancellationToken"/>), recording the wait.</remarks>
    public async Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default)
    {
        await gate.WaitMeasuredAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.QueryAsync(statement, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Not gated: the store reads its snapshot once per write and serves it from memory after that.</remarks>
    public Task<FactSnapshot?> GetFactSnapshotAsync(int maxRows, CancellationToken cancellationToken = default) =>
        inner is IFactSnapshotSource source ? source.GetFactSnapshotAsync(maxRows, cancellationToken) : Task.FromResult<FactSnapshot?>(null);
}
