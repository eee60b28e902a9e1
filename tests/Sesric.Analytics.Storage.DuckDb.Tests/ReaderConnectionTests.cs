using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

/// <summary>Reads keep their connections for the next read; a kept connection must never carry state from one read to the next.</summary>
public sealed class ReaderConnectionTests : IDisposable
{
    private static readonly SqlStatement Count = new("SELECT COUNT(*) AS n FROM participation", []);

    private readonly TempFolder _folder = new("readers");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sequential_reads_share_one_connection_and_see_every_write_committed_between_them()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));

        Assert.Equal(0L, (await store.QueryAsync(Count)).Rows[0][0]);
        Assert.Equal(1, store.IdleReaders);

        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        // The kept connection holds no transaction between reads, so it sees the import.
        Assert.Equal((long)TestData.Registry.Count, (await store.QueryAsync(Count)).Rows[0][0]);
        Assert.Equal(TestData.Registry.Count, await store.CountParticipationsAsync());
        Assert.Equal(1, store.IdleReaders);
    }

    [Fact]
    public async Task Concurrent_reads_each_get_a_connection_and_at_most_the_limit_is_kept()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("c.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        var reads = Enumerable.Range(0, DuckDbAnalyticsStore.MaxIdleReaders + 8)
            .Select(_ => store.QueryAsync(new SqlStatement("SELECT COUNT(*) AS n FROM participation, range(20000)", [])))
            .ToArray();
        var results = await Task.WhenAll(reads);

        Assert.All(results, r => Assert.Equal(TestData.Registry.Count * 20000L, r.Rows[0][0]));
        Assert.InRange(store.IdleReaders, 1, DuckDbAnalyticsStore.MaxIdleReaders);
    }

    [Fact]
    public async Task A_failed_read_closes_its_connection_instead_of_keeping_it()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("f.duckdb"));
        await store.QueryAsync(Count);
        Assert.Equal(1, store.IdleReaders);

        await Assert.ThrowsAnyAsync<Exception>(() => store.QueryAsync(new SqlStatement("SELECT no_such_column FROM participation", [])));

        // The failed read took the idle connection and closed it; the next read opens a fresh one and works.
        Assert.Equal(0, store.IdleReaders);
        Assert.Equal(0L, (await store.QueryAsync(Count)).Rows[0][0]);
        Assert.Equal(1, store.IdleReaders);
    }

    [Fact]
    public async Task A_statement_that_writes_changes_nothing_for_the_next_read_on_the_same_connection()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("w.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        await store.QueryAsync(new SqlStatement("CREATE TEMP TABLE scratch AS SELECT 1 AS x", []));
        await store.QueryAsync(new SqlStatement("DELETE FROM participation RETURNING participant_id", []));

        Assert.Equal((long)TestData.Registry.Count, (await store.QueryAsync(Count)).Rows[0][0]);
        await Assert.ThrowsAnyAsync<Exception>(() => store.QueryAsync(new SqlStatement("SELECT x FROM scratch", [])));
    }

    [Fact]
    public async Task Disposing_the_store_closes_the_kept_connections()
    {
        var store = await TestData.OpenWithCatalogueAsync(_folder.File("d.duckdb"));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.QueryAsync(Count)));
        Assert.True(store.IdleReaders >= 1);

        await store.DisposeAsync();

        Assert.Equal(0, store.IdleReaders);
        // The file is closed: it opens again in this process.
        await using var again = await DuckDbAnalyticsStore.OpenAsync(_folder.File("d.duckdb"));
        Assert.Equal(0, await again.CountParticipationsAsync());
    }
}
