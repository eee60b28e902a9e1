using DuckDB.NET.Data;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.DuckDb.Sql;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

/// <summary>A store whose fact table fits in one row group runs DuckDB on one thread; a larger one, and every write, on DuckDB's default.</summary>
public sealed class ThreadPolicyTests : IDisposable
{
    private static readonly SqlStatement Threads = new("SELECT CAST(current_setting('threads') AS BIGINT) AS threads", []);

    private readonly TempFolder _folder = new("threads");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0L, true)]
    [InlineData(ThreadPolicy.RowGroupSize, true)]
    [InlineData(ThreadPolicy.RowGroupSize + 1, false)]
    public void One_thread_exactly_while_the_fact_table_fits_in_one_row_group(long rows, bool single) =>
        Assert.Equal(single, ThreadPolicy.IsSingleThreaded(rows));

    [Fact]
    public async Task A_small_store_reads_on_one_thread_and_growing_past_a_row_group_gives_back_the_default()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        Assert.Equal(1L, await ThreadsAsync(store));

        var generated = ScaleGenerator.Generate(new ScaleOptions(ThreadPolicy.RowGroupSize + 10_000, Seed: 3));
        await store.UpsertProgrammesAsync(generated.Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(generated.Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(generated.Catalogue.Editions.ToArray());
        await store.ImportParticipationsAsync(generated.Participations, ImportRequest.Default);

        Assert.True(await store.CountParticipationsAsync() > ThreadPolicy.RowGroupSize);
        Assert.Equal(await DefaultThreadsAsync(), await ThreadsAsync(store));
    }

    [Fact]
    public async Task Reopening_a_small_store_chooses_one_thread_again()
    {
        var path = _folder.File("r.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }
        await using var reopened = await DuckDbAnalyticsStore.OpenAsync(path);
        Assert.Equal(1L, await ThreadsAsync(reopened));
    }

    private static async Task<long> ThreadsAsync(IAnalyticsStore store) => (long)(await store.QueryAsync(Threads)).Rows[0][0]!;

    /// <summary>DuckDB's own default on this machine, from a database the policy never touched.</summary>
    private static async Task<long> DefaultThreadsAsync()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(current_setting('threads') AS BIGINT)";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
