using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

/// <summary>An import runs under DuckDB's memory limit the store sets for it, and the previous limit comes back after.</summary>
public sealed class ImportMemoryCapTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_import_runs_under_its_memory_limit_with_a_spill_folder_beside_the_file_and_the_limit_is_restored()
    {
        var path = _folder.File("s.duckdb");
        await using var store = await TestData.OpenWithCatalogueAsync(path);
        Assert.Equal(DuckDbAnalyticsStore.DefaultImportMemoryLimitBytes, store.ImportMemoryLimitBytes);
        store.ImportMemoryLimitBytes = 100L * 1024 * 1024;
        var before = await SettingAsync(store, "memory_limit");
        var during = new List<(string Limit, string Folder)>();

        // Progress is reported on the import's thread while its transaction is open; a read sees the instance's settings.
        var progress = new Synchronous(_ => during.Add((
            SettingAsync(store, "memory_limit").GetAwaiter().GetResult(),
            SettingAsync(store, "temp_directory").GetAwaiter().GetResult())));
        var outcome = await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest(Progress: progress));

        Assert.Equal(9, outcome.Participations.Inserted);
        Assert.NotEmpty(during);
        Assert.All(during, d => Assert.Equal("100.0 MiB", d.Limit));
        Assert.All(during, d => Assert.Equal(path + ".tmp", d.Folder));
        Assert.NotEqual("100.0 MiB", before);
        Assert.Equal(before, await SettingAsync(store, "memory_limit"));
    }

    [Fact]
    public async Task A_limit_of_zero_leaves_DuckDBs_own_and_a_negative_one_is_refused()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        var before = await SettingAsync(store, "memory_limit");
        store.ImportMemoryLimitBytes = 0;
        var during = new List<string>();

        await store.ImportParticipationsAsync(
            TestData.Registry, new ImportRequest(Progress: new Synchronous(_ => during.Add(SettingAsync(store, "memory_limit").GetAwaiter().GetResult()))));

        Assert.All(during, limit => Assert.Equal(before, limit));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ImportMemoryLimitBytes = -1);
    }

    private static async Task<string> SettingAsync(DuckDbAnalyticsStore store, string name) =>
        (string)(await store.QueryAsync(SqlStatement.Of($"SELECT CAST(current_setting('{name}') AS VARCHAR)"))).Rows[0][0]!;

    /// <summary>Reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
    private sealed class Synchronous(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
