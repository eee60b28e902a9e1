using Sesric.Analytics.Dataset;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>The generated input the benchmarks share: a participations CSV and the catalogue it refers to.</summary>
public sealed class BenchmarkData
{
    private BenchmarkData(string folder, GeneratedDataset dataset, string participationsCsv)
    {
        Folder = folder;
        Dataset = dataset;
        ParticipationsCsv = participationsCsv;
    }

    /// <summary>Where the files live (kept between runs: generating 1M rows takes a few seconds).</summary>
    public string Folder { get; }

    /// <summary>The generated catalogue (programmes, editions, the real member and observer states).</summary>
    public GeneratedDataset Dataset { get; }

    /// <summary>The participations file.</summary>
    public string ParticipationsCsv { get; }

    /// <summary>Generates (once per size and seed) the CSV of <paramref name="rows"/> participations.</summary>
    public static BenchmarkData Prepare(long rows, int seed = 2026)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesric-benchmarks", $"rows-{rows}-seed-{seed}");
        Directory.CreateDirectory(folder);
        var dataset = ScaleGenerator.Generate(new ScaleOptions(rows, seed));
        var csv = Path.Combine(folder, "participations.csv");
        if (!File.Exists(csv))
        {
            var partial = csv + ".partial";
            using (var writer = new StreamWriter(partial))
            {
                ParticipationCsv.Write(writer, dataset.Participations);
            }
            File.Move(partial, csv, overwrite: true);
        }
        return new BenchmarkData(folder, dataset, csv);
    }

    /// <summary>Creates a fresh store holding the catalogue but no participations.</summary>
    public async Task<DuckDbAnalyticsStore> CreateEmptyStoreAsync(string path)
    {
        foreach (var file in new[] { path, path + ".wal" })
        {
            File.Delete(file);
        }
        var store = await DuckDbAnalyticsStore.OpenAsync(path);
        await WriteCatalogueAsync(store);
        return store;
    }

    /// <summary>Writes the catalogue (programmes, countries, editions) into <paramref name="store"/>, of either engine.</summary>
    public async Task WriteCatalogueAsync(IAnalyticsStore store)
    {
        await store.UpsertProgrammesAsync(Dataset.Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(Dataset.Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(Dataset.Catalogue.Editions.ToArray());
    }

    /// <summary>The measured work: read and validate the CSV, stream it into the store in one transaction.</summary>
    public async Task<ImportOutcome> ImportAsync(IAnalyticsStore store, Catalogue catalogue, IProgress<long>? progress = null)
    {
        // As the command line does: a store that checks the rows against each other itself gets the file as lines.
        using var reader = new StreamReader(ParticipationsCsv);
        var request = new ImportRequest(Progress: progress);
        return store is IParticipationFileImporter importer
            ? await importer.ImportParticipationsAsync(ParticipationCsvLines.Open(reader, catalogue, "participations.csv"), request)
            : await store.ImportParticipationsAsync(ParticipationCsv.Read(reader, catalogue, "participations.csv"), request);
    }
}
