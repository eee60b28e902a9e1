using BenchmarkDotNet.Attributes;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>Opening an existing, up-to-date store file (the cost every CLI command pays before its work).</summary>
[Config(typeof(ShortInProcessConfig))]
public class StoreOpenBenchmarks
{
    private string _seeded = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesric-benchmarks");
        Directory.CreateDirectory(folder);
        _seeded = Path.Combine(folder, "open-benchmark-builtin.duckdb");
        File.Delete(_seeded);
        File.Delete(_seeded + ".wal");
        var store = DuckDbAnalyticsStore.OpenAsync(_seeded).GetAwaiter().GetResult();
        StoreSeeder.EnsureSeededAsync(store).GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "open and close the built-in store file")]
    public int OpenBuiltIn()
    {
        var store = DuckDbAnalyticsStore.OpenAsync(_seeded).GetAwaiter().GetResult();
        var version = store.Description.SchemaVersion;
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return version;
    }
}
