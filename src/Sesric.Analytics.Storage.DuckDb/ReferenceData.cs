using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The store's reference data: programmes, member and observer states, editions; read into a catalogue and written row by
/// row, each write in one transaction through the store's <see cref="IStoreDatabase"/>. The statements are the ones both
/// stores share (<see cref="ReferenceTables"/>).
/// </summary>
/// <threadsafety>All members are safe to call from several threads at once.</threadsafety>
internal sealed class ReferenceData(IStoreDatabase database) : ICatalogueReader, IReferenceDataWriter
{
    /// <inheritdoc/>
    public Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(ReferenceTables.LoadCatalogue, cancellationToken);

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        return database.WriteAsync((connection, ct) => ReferenceTables.UpsertProgrammes(connection, programmes, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(countries);
        return database.WriteAsync((connection, ct) => ReferenceTables.UpsertCountries(connection, countries, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editions);
        return database.WriteAsync((connection, ct) => ReferenceTables.UpsertEditions(connection, editions, ct), cancellationToken);
    }
}
