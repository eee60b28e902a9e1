using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.LoadClient;

/// <summary>Fills a store of either engine with generated participations and the catalogue they refer to.</summary>
internal static class SyntheticData
{
    /// <summary>Writes the catalogue, then <paramref name="rows"/> generated participations (seed 42) in one import.</summary>
    public static async Task ImportAsync(IAnalyticsStore store, long rows)
    {
        var generated = ScaleGenerator.Generate(new ScaleOptions(rows, Seed: 42));
        await store.UpsertProgrammesAsync(generated.Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(generated.Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(generated.Catalogue.Editions.ToArray());
        await store.ImportParticipationsAsync(generated.Participations, ImportRequest.Default);
    }
}
