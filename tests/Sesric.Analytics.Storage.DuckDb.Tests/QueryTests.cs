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

    [Fact]
    public async Task Columns_hold_the_plain_values_of_every_type_nulls_included_and_rows_match_them()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("s.duckdb"));

        var rows = await store.QueryAsync(SqlStatement.Of(
            """
            SELECT * FROM (VALUES
                (CAST(1 AS BIGINT), CAST(2 AS INTEGER), CAST(3 AS SMALLINT), CAST(4 AS TINYINT), CAST(5 AS UTINYINT),
                 CAST(6 AS USMALLINT), CAST(7 AS UINTEGER), CAST(8 AS UBIGINT), CAST(9 AS HUGEINT), CAST(0.5 AS DOUBLE),
                 CAST(0.25 AS FLOAT), CAST(1.5 AS DECIMAL(10, 2)), 'text', TRUE, DATE '2021-03-14',
                 TIMESTAMP '2021-03-14 00:00:00', TIMESTAMP '2021-03-14 10:30:00'),
                (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (-1, -2147483648, -32768, -128, 255, 65535, 4294967295, 18446744073709551615, 170141183460469231731687303715884105727,
                 1e300, -2.5, -12.34, '', FALSE, DATE '1970-01-01', TIMESTAMP '1999-12-31 00:00:00', TIMESTAMP '1999-12-31 23:59:59.5')
            ) t(i64, i32, i16, i8, u8, u16, u32, u64, i128, f64, f32, dec, txt, flag, day, midnight, moment)
            """));

        var day = new DateOnly(2021, 3, 14);
        Assert.Equal(
            [
                [1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 0.5, 0.25, 1.5, "text", true, day, day, "2021-03-14T10:30:00"],
                new object?[17],
                [
                    -1L, (long)int.MinValue, (long)short.MinValue, -128L, 255L, 65535L, 4294967295L, (double)ulong.MaxValue,
                    (double)System.Numerics.BigInteger.Parse("170141183460469231731687303715884105727"), 1e300, -2.5, -12.34, "", false,
                    new DateOnly(1970, 1, 1), new DateOnly(1999, 12, 31), "1999-12-31T23:59:59.5",
                ],
            ],
            rows.Rows);
        var columns = rows.ColumnData;
        Assert.Equal(rows.Columns, columns.Select(c => c.Name));
        Assert.All(columns.Take(7), c => Assert.IsType<SqlColumn<long>>(c));
        Assert.All(columns.Skip(9).Take(3), c => Assert.IsType<SqlColumn<double>>(c));
        Assert.IsType<SqlColumn<string>>(columns[12]);
        Assert.IsType<SqlColumn<bool>>(columns[13]);
        for (var i = 0; i < rows.RowCount; i++)
        {
            for (var j = 0; j < columns.Count; j++)
            {
                Assert.Equal(rows.Rows[i][j], columns[j].GetValue(i));
                Assert.Equal(rows.Rows[i][j] is null, columns[j].IsNull(i));
                Assert.Equal(rows.Rows[i][j]?.GetType(), columns[j].GetValue(i)?.GetType());
            }
        }
    }

    [Fact]
    public async Task A_large_result_reads_every_row_with_nulls_in_place_and_repeated_text_shared()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("s.duckdb"));

        var rows = await store.QueryAsync(SqlStatement.Of(
            """
            SELECT range AS n,
                   CASE WHEN range % 7 = 0 THEN NULL ELSE 'v' || CAST(range % 50 AS VARCHAR) END AS s,
                   CASE WHEN range % 5 = 0 THEN NULL ELSE range * 0.5 END AS x
            FROM range(10000) ORDER BY range
            """));

        Assert.Equal(10_000, rows.RowCount);
        var n = Assert.IsType<SqlColumn<long>>(rows.ColumnData[0]);
        var s = Assert.IsType<SqlColumn<string>>(rows.ColumnData[1]);
        var x = Assert.IsType<SqlColumn<double>>(rows.ColumnData[2]);
        for (var i = 0; i < rows.RowCount; i++)
        {
            Assert.Equal(i, n[i]);
            Assert.Equal(i % 7 == 0 ? null : $"v{i % 50}", s[i]);
            Assert.Equal(i % 5 == 0, x.IsNull(i));
            Assert.Equal(i % 5 == 0 ? 0 : i * 0.5, x[i]);
        }
        Assert.Same(s[1], s[51]);
        Assert.Equal(4321L, rows.Rows[4321][0]);
    }
}
