using BenchmarkDotNet.Attributes;

using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// Imports a 1,000,000-row participations CSV into a fresh DuckDB store: CSV parsing and validation,
/// appender staging, and the merge by natural key, all in one transaction. Target: under 10 s on 2 cores.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class ImportBenchmarks
{
    private BenchmarkData _data = null!;
    private Catalogue _catalogue = null!;
    private DuckDbAnalyticsStore _store = null!;
    private string _path = null!;

    /// <summary>Rows in the file.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Prepare(Rows);
        _path = Path.Combine(_data.Folder, "import-benchmark.duckdb");
    }

    [IterationSetup]
    public void CreateStore()
    {
        _store = _data.CreateEmptyStoreAsync(_path).GetAwaiter().GetResult();
        _catalogue = _store.LoadCatalogueAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void CloseStore() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "import 1M-row participations CSV into a new store")]
    public long ImportParticipations() => _data.ImportAsync(_store, _catalogue).GetAwaiter().GetResult().Participations.Inserted;
}
