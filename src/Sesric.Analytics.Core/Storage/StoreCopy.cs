namespace Sesric.Analytics.Storage;

/// <summary>
/// Copies everything one store holds into another (such as a DuckDB file into a PostgreSQL database): programmes,
/// member states with their suspensions, editions, then the participations streamed in one import, record keys kept.
/// </summary>
/// <remarks>The target's writes are the ordinary idempotent upserts and import, so copying twice changes nothing the
/// second time, and a copy into a store that already holds other rows merges by natural key. The import journal is
/// not copied: the target journals the copy as one import.</remarks>
public static class StoreCopy
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>; returns the participations import's outcome.</summary>
    /// <param name="source">The store to read (only read).</param>
    /// <param name="target">The store to write.</param>
    /// <param name="progress">Told the participations copied so far (every 50,000 rows and at the end).</param>
    /// <param name="cancellationToken">Cancels; the participations import then writes nothing.</param>
    public static async Task<ImportOutcome> CopyAsync(IStoreReader source, IStoreWriter target, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var catalogue = await source.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        await target.UpsertProgrammesAsync(catalogue.Programmes.ToArray(), cancellationToken).ConfigureAwait(false);
        await target.UpsertCountriesAsync(catalogue.Countries.ToArray(), cancellationToken).ConfigureAwait(false);
        await target.UpsertEditionsAsync(catalogue.Editions.ToArray(), cancellationToken).ConfigureAwait(false);
        var rows = source.ReadParticipationsAsync(catalogue, cancellationToken).ToBlockingEnumerable(cancellationToken);
        var request = new ImportRequest(Progress: progress) { Source = $"copied from {StoreLocation.Redact(source.Description.Location)}" };
        return await target.ImportParticipationsAsync(rows, request, cancellationToken).ConfigureAwait(false);
    }
}
