using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The store's database as the store's collaborators (<see cref="ReferenceData"/>, <see cref="ImportJournal"/>,
/// <see cref="StoreSeedRecord"/>, <see cref="StoreReads"/>) reach it: the connection opening, the reader connections and the write gate stay with
/// <see cref="DuckDbAnalyticsStore"/>, which hands itself to them as this interface and nothing more.
/// </summary>
/// <remarks>A fault of the store (a database invalidated, a disk full) comes out of both methods as
/// <see cref="StoreFaultException"/> naming the store, as from the store's own members.</remarks>
internal interface IStoreDatabase
{
    /// <summary>Runs a read on a connection of its own (an idle one when there is one), off the caller's thread.</summary>
    Task<T> ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a new connection to the store's database instance, which the caller owns and disposes: for a read that
    /// streams beyond one call (the registry stream) and so cannot borrow a pooled reader.
    /// </summary>
    DuckDBConnection Connect();

    /// <summary>
    /// Runs a write in one transaction on its own connection, after earlier writes to the same file have finished (the
    /// write gate); the transaction commits when the write returns (a preview store rolls it back) and rolls back when it throws.
    /// </summary>
    /// <param name="write">The write, given the connection (its transaction is open) and the caller's token.</param>
    /// <param name="cancellationToken">Cancels the wait for the gate and, through the write's own checks, the write.</param>
    Task<T> WriteAsync<T>(Func<DuckDBConnection, CancellationToken, T> write, CancellationToken cancellationToken);
}
