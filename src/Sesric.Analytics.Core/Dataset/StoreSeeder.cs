using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Dataset;

/// <summary>Fills an empty store with the built-in dataset, so a first run has data to show.</summary>
public static class StoreSeeder
{
    /// <summary>
    /// When the store has no programmes, no countries and no participations, writes the built-in catalogue
    /// (programmes, countries, editions) and imports the synthetic registry. Returns true when it seeded,
    /// false when the store already held data (then nothing is written).
    /// </summary>
    /// <remarks>Uses only <see cref="IAnalyticsStore"/>. Each step is one transaction and keyed by natural keys,
    /// so a seed interrupted half-way is completed by the next call without duplicates.</remarks>
    public static async Task<bool> EnsureSeededAsync(IAnalyticsStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var existing = await store.LoadCatalogueAsync(ct).ConfigureAwait(false);
        if (existing.Programmes.Count > 0 || existing.Countries.Count > 0 || await store.CountParticipationsAsync(ct).ConfigureAwait(false) > 0)
        {
            return false;
        }
        await SeedAsync(store, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Writes the built-in catalogue and registry whatever the store holds (natural keys: rows already there are
    /// left as they are), for a caller that knows the store was created to be seeded and may have been interrupted.
    /// </summary>
    public static async Task SeedAsync(IStoreWriter store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var dataset = BuiltInDataset.Load();
        await store.UpsertProgrammesAsync(dataset.Catalogue.Programmes.ToArray(), ct).ConfigureAwait(false);
        await store.UpsertCountriesAsync(dataset.Catalogue.Countries.ToArray(), ct).ConfigureAwait(false);
        await store.UpsertEditionsAsync(dataset.Catalogue.Editions.ToArray(), ct).ConfigureAwait(false);
        await store.ImportParticipationsAsync(dataset.Participations, new ImportRequest { Source = "built-in dataset" }, ct).ConfigureAwait(false);
    }
}
