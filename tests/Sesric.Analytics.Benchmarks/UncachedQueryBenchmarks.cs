using BenchmarkDotNet.Attributes;

using DuckDB.NET.Data;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// Where an uncached dashboard query's time goes, layer by layer, on the built-in data (758 rows) and on
/// 1M rows: the engine (plan, compile, store, disclosure, result assembly), the store's
/// <see cref="IStatementRunner.QueryAsync"/> of the compiled statement (connection, transaction, read), and the
/// same SQL and parameters on a connection kept open (DuckDB alone). The difference between the rows is the
/// fixed cost each layer adds. The gRPC layers (body check, mapping, gate) are measured by the load client.
/// </summary>
/// <remarks>
/// The query is the load client's: participants, member_states, female_share by year and oic_group,
/// filter <c>year &gt;= 2015</c>, public policy. <see cref="Rows"/> 0 means the built-in dataset.
/// Run: <c>dotnet run -c Release --project tests/Sesric.Analytics.Benchmarks -- --filter '*UncachedQuery*'</c>
/// </remarks>
[Config(typeof(ShortInProcessConfig))]
[MedianColumn]
public class UncachedQueryBenchmarks
{
    private static readonly SemanticQuery Dashboard = SemanticQuery.Of("participants", "member_states", "female_share")
        .By("year", "oic_group").Where("year >= 2015");

    private DuckDbAnalyticsStore _store = null!;
    private QueryEngine _engine = null!;
    private SqlStatement _statement = null!;
    private DuckDBConnection _direct = null!;
    private string _folder = null!;

    /// <summary>Participation rows: 0 for the built-in dataset, else generated (seed 7).</summary>
    [Params(0, 1_000_000)]
    public long Rows { get; set; }

    /// <summary>Opens the store and a direct connection to the same database instance.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path;
        if (Rows == 0)
        {
            _folder = Directory.CreateTempSubdirectory("sesric-uncached-").FullName;
            path = Path.Combine(_folder, "builtin.duckdb");
            _store = DuckDbAnalyticsStore.OpenAsync(path).GetAwaiter().GetResult();
            StoreSeeder.SeedAsync(_store).GetAwaiter().GetResult();
        }
        else
        {
            path = SemanticQueryBenchmarks.PrepareStore(Rows);
            _store = DuckDbAnalyticsStore.OpenAsync(path).GetAwaiter().GetResult();
        }
        _engine = new QueryEngine(_store);
        _statement = _engine.Compile(Dashboard);
        _direct = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        _direct.Open();
    }

    /// <summary>Closes everything and removes the built-in store's folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _direct.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Rows == 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The engine: plan, compile, the store's query, disclosure control and the typed table.</summary>
    [Benchmark]
    public int Engine() => _engine.ExecuteAsync(Dashboard).GetAwaiter().GetResult().Rows.Count;

    /// <summary>The store's query of the compiled statement: a connection, a rolled-back transaction, the columnar read.</summary>
    [Benchmark]
    public int StoreQuery() => _store.QueryAsync(_statement).GetAwaiter().GetResult().RowCount;

    /// <summary>The same SQL and parameters on a connection kept open: DuckDB's own time.</summary>
    [Benchmark(Baseline = true)]
    public int DirectSql()
    {
        using var command = _direct.CreateCommand();
        command.CommandText = _statement.Sql;
        for (var i = 0; i < _statement.Parameters.Count; i++)
        {
            command.Parameters.Add(new DuckDBParameter(_statement.Parameters[i] ?? DBNull.Value));
        }
        using var reader = command.ExecuteReader();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }
}
