using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Data;

/// <summary>
/// A store whose every write moves a <see cref="DataVersion"/> on, so that nothing derived from the data can outlive a
/// change: callers write through it and never have to remember to say so.
/// </summary>
/// <remarks>
/// The version moves on after the write returns (committed, hence visible to readers) and also when it throws: a
/// write that failed part-way is rolled back by the store, but telling caches to recompute costs little and
/// never serves a stale answer. A replayed import (same request id) changed nothing and leaves the version alone.
/// Reads pass straight through. The decorator does not dispose the store it wraps: the host that opened it does.
/// </remarks>
/// <threadsafety>As safe as the wrapped store.</threadsafety>
public sealed class VersionedStore(IAnalyticsStore inner, DataVersion version) : IAnalyticsStore, IImportJournal, IFactSnapshotSource
{
    /// <summary>The wrapped store, for the capabilities some engines add (liveness, change feed).</summary>
    public IAnalyticsStore Inner => inner;

    /// <inheritdoc/>
    public StoreDescription Description => inner.Description;

    /// <inheritdoc/>
    public Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) => inner.LoadCatalogueAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.UpsertProgrammesAsync(programmes, cancellationToken));

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.UpsertCountriesAsync(countries, cancellationToken));

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.UpsertEditionsAsync(editions, cancellationToken));

    /// <inheritdoc/>
    public async Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Participation> rows, ImportRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await WriteAsync(() => inner.ImportParticipationsAsync(rows, request, cancellationToken), advanceOnSuccess: false);
        if (!outcome.WasReplay)
        {
            version.Advance();
        }
        return outcome;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, CancellationToken cancellationToken = default) =>
        inner.ReadParticipationsAsync(catalogue, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default) =>
        inner.GetEditionStatisticsAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default) => inner.QueryAsync(statement, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The wrapped store's snapshot, or null (the query runs in the database) when it keeps none.</remarks>
    public Task<FactSnapshot?> GetFactSnapshotAsync(int maxRows, CancellationToken cancellationToken = default) =>
        inner is IFactSnapshotSource source ? source.GetFactSnapshotAsync(maxRows, cancellationToken) : Task.FromResult<FactSnapshot?>(null);

    /// <inheritdoc/>
    public Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default) => inner.CountParticipationsAsync(cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The wrapped store keeps no import journal.</exception>
    public Task<IReadOnlyList<ImportRecord>> ListImportsAsync(CancellationToken cancellationToken = default) =>
        Journal().ListImportsAsync(cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The wrapped store keeps no import journal.</exception>
    public Task<ImportRecord> UndoImportAsync(long importId, CancellationToken cancellationToken = default) =>
        WriteAsync(() => Journal().UndoImportAsync(importId, cancellationToken));

    /// <summary>Nothing to release: the host that opened the wrapped store disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IImportJournal Journal() =>
        inner as IImportJournal ?? throw new NotSupportedException($"The {inner.Description.Engine} store keeps no import journal.");

    private async Task<T> WriteAsync<T>(Func<Task<T>> write, bool advanceOnSuccess = true)
    {
        try
        {
            var result = await write();
            if (advanceOnSuccess)
            {
                version.Advance();
            }
            return result;
        }
        catch
        {
            version.Advance();
            throw;
        }
    }
}
