using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

public sealed class QueryTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_interrupts_a_running_statement_and_the_store_stays_usable()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("cancel.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // About 10^11 row pairs: hours if it ran to the end, and no row is returned before it does, so only an
        // interrupt inside DuckDB can stop it (the row loop never gets to look at the token).
        var running = store.QueryAsync(new SqlStatement("SELECT SUM(a.range * b.range) FROM range(400000) a, range(400000) b", []), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(TestData.Registry.Count, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task Positional_parameters_bind_in_order_and_values_come_back_as_plain_types()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        var rows = await store.QueryAsync(new SqlStatement(
            """
            SELECT iso3, COUNT(DISTINCT participant_key) AS participants, AVG(edition_number) AS mean_edition,
                   SUM(CAST(1.5 AS DECIMAL(10, 2))) AS weight, MIN(reference_date) AS first_day, BOOL_OR(counts_as_member) AS member,
                   CAST(NULL AS VARCHAR) AS nothing, SUM(edition_number) AS editions
            FROM participation_fact
            WHERE programme_id = $1 AND year >= $2 AND is_counted = $3 AND reference_date >= $4
            GROUP BY iso3 ORDER BY iso3
            """,
            ["diplomacy-cab", 2015L, true, new DateOnly(2015, 1, 1)]));

        Assert.Equal(["iso3", "participants", "mean_edition", "weight", "first_day", "member", "nothing", "editions"], rows.Columns);
        Assert.Equal(["BIH", "EGY", "MYS", "SYR", "TUR"], rows.Rows.Select(r => (string)r[0]!));
        var tur = rows.Rows[4];
        Assert.Equal(1L, tur[1]);
        Assert.Equal(1.5, tur[2]);
        Assert.Equal(3.0, tur[3]);
        Assert.Equal(new DateOnly(2015, 3, 2), tur[4]);
        Assert.Equal(true, tur[5]);
        Assert.Null(tur[6]);
        Assert.Equal(3L, tur[7]);
        Assert.Equal(false, rows.Rows[3][rows.IndexOf("member")]);
    }

    [Fact]
    public async Task A_null_parameter_binds_as_sql_null()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("s.duckdb"));

        var rows = await store.QueryAsync(new SqlStatement("SELECT $1 IS NULL AS is_null, COALESCE(CAST($1 AS VARCHAR), $2) AS v", [null, "fallback"]));

        Assert.Equal(true, rows.Rows[0][0]);
        Assert.Equal("fallback", rows.Rows[0][1]);
    }

    [Fact]
    public async Task A_statement_that_writes_is_rolled_back()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        await store.QueryAsync(SqlStatement.Of("DELETE FROM participation"));

        Assert.Equal(9, await store.CountParticipationsAsync());
    }

    [Fact]
    public async Task An_unsupported_parameter_type_is_refused_naming_its_position()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("s.duckdb"));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new SqlStatement("SELECT $1, $2", ["a", TimeSpan.Zero])));

        Assert.Contains("$2", e.Message);
    }
}
