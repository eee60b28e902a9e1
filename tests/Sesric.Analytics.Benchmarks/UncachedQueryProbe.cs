using System.Diagnostics;
using System.Globalization;

using DuckDB.NET.Data;
using DuckDB.NET.Native;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// Where an uncached query's fixed cost goes, layer by layer, measured by many calls in a loop (median wall time
/// and mean CPU time of the whole process per call): DuckDB.NET's round trip (<c>SELECT 1</c>), the compiled SQL on
/// a kept connection with DuckDB's default threads and with one thread, the store's <c>QueryAsync</c>, compiling
/// alone, and the engine. CPU per call is what a loaded machine distorts least; wall times there tell ratios only.
/// </summary>
/// <remarks>Run: <c>dotnet tests/Sesric.Analytics.Benchmarks/bin/Release/net10.0/Sesric.Analytics.Benchmarks.dll --uncached-probe [rows] [calls]</c>
/// (rows 0 = the built-in data).</remarks>
internal static class UncachedQueryProbe
{
    private static readonly SemanticQuery Dashboard = SemanticQuery.Of("participants", "member_states", "female_share")
        .By("year", "oic_group").Where("year >= 2015");

    public static async Task<int> RunAsync(long rows, int calls)
    {
        string path;
        string? folder = null;
        DuckDbAnalyticsStore store;
        if (rows == 0)
        {
            folder = Directory.CreateTempSubdirectory("sesric-probe-").FullName;
            path = Path.Combine(folder, "builtin.duckdb");
            store = await DuckDbAnalyticsStore.OpenAsync(path);
            await StoreSeeder.SeedAsync(store);
        }
        else
        {
            path = SemanticQueryBenchmarks.PrepareStore(rows);
            store = await DuckDbAnalyticsStore.OpenAsync(path);
        }
        try
        {
            var engine = DisclosureCostBenchmarks.OneLevelOrDefault(store);
            var statement = engine.Compile(Dashboard);
            Console.WriteLine($"// load average {File.ReadAllText("/proc/loadavg").Trim()}; rows {rows}; calls {calls}");
            Console.WriteLine(statement.Sql);
            using var direct = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
            direct.Open();
            Console.WriteLine($"// duckdb threads as the store chose = {Scalar(direct, "SELECT current_setting('threads')")}, version {Scalar(direct, "SELECT version()")}");

            if (Environment.GetEnvironmentVariable("SESRIC_PROBE_SQL_ONLY") is not null)
            {
                // For a profiler: only the compiled SQL on a kept connection, many times.
                Measure("compiled SQL (kept connection)", calls, () => Run(direct, statement.Sql, statement.Parameters));
                return 0;
            }
            Measure("SELECT 1 (kept connection)", calls, () => Run(direct, "SELECT 1", []));
            Measure("compile only", calls * 10, () => engine.Compile(Dashboard).Parameters.Count);
            // The store chose its threads when it opened (ThreadPolicy); alternate that with each setting, same run.
            var chosen = Scalar(direct, "SELECT current_setting('threads')");
            foreach (var threads in new[] { chosen, "2", "1", chosen, "2", "1" })
            {
                Execute(direct, $"SET threads = {threads}");
                Measure($"compiled SQL (kept conn), threads={threads}", calls, () => Run(direct, statement.Sql, statement.Parameters));
                Measure($"store QueryAsync, threads={threads}", calls, () => store.QueryAsync(statement).GetAwaiter().GetResult().RowCount);
                Measure($"engine, threads={threads}", calls, () => engine.ExecuteAsync(Dashboard).GetAwaiter().GetResult().Rows.Count);
            }
            Execute(direct, $"SET threads = {chosen}");
            // Parse, bind and plan once; run many times (DuckDB.NET's command prepares on every execution, so this
            // goes through its native bindings): what a prepared-statement cache per connection would save.
            foreach (var threads in new[] { chosen, "2" })
            {
                Execute(direct, $"SET threads = {threads}");
                MeasurePrepared(direct, statement, calls, threads);
                Measure($"compiled SQL (kept conn), threads={threads}", calls, () => Run(direct, statement.Sql, statement.Parameters));
            }
            Execute(direct, "RESET threads");
            Profile(direct, statement);
            var variants = Environment.GetEnvironmentVariable("SESRIC_PROBE_SQL_DIR");
            if (variants is not null)
            {
                foreach (var file in Directory.GetFiles(variants, "*.sql").Order(StringComparer.Ordinal))
                {
                    var sql = File.ReadAllText(file);
                    var name = Path.GetFileNameWithoutExtension(file);
                    Measure(name, calls, () => Run(direct, sql, statement.Parameters));
                    Measure(name + " (EXPLAIN)", calls, () => Run(direct, "EXPLAIN " + sql, statement.Parameters));
                }
            }
        }
        finally
        {
            await store.DisposeAsync();
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return 0;
    }

    private static void Measure(string name, int calls, Func<int> call)
    {
        for (var i = 0; i < Math.Min(calls, 20); i++)
        {
            call();
        }
        var times = new double[calls];
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            call();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        total.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / calls;
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-36} p50 {times[calls / 2],8:F3} ms  p10 {times[calls / 10],8:F3} ms  mean {total.Elapsed.TotalMilliseconds / calls,8:F3} ms  CPU/call {cpu,8:F3} ms"));
    }

    private static void MeasurePrepared(DuckDBConnection connection, SqlStatement statement, int calls, string? threads)
    {
        if (NativeMethods.PreparedStatements.DuckDBPrepare(connection.NativeConnection, statement.Sql, out var prepared) != DuckDBState.Success)
        {
            throw new InvalidOperationException(NativeMethods.PreparedStatements.DuckDBPrepareError(prepared));
        }
        using (prepared)
        {
            for (var i = 0; i < statement.Parameters.Count; i++)
            {
                var value = Convert.ToInt64(statement.Parameters[i], CultureInfo.InvariantCulture);
                NativeMethods.PreparedStatements.DuckDBBindInt64(prepared, i + 1, value);
            }
            Measure($"prepared once, executed, threads={threads}", calls, () =>
            {
                if (NativeMethods.PreparedStatements.DuckDBExecutePrepared(prepared, out var result) != DuckDBState.Success)
                {
                    throw new InvalidOperationException("execution failed");
                }
                var columns = (int)NativeMethods.Query.DuckDBColumnCount(ref result);
                result.Close();
                return columns;
            });
        }
    }

    private static int Run(DuckDBConnection connection, string sql, IReadOnlyList<object?> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
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

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>DuckDB's own profile of the statement: planner, optimizer and operator timings (JSON).</summary>
    private static void Profile(DuckDBConnection connection, SqlStatement statement)
    {
        var output = Path.Combine(Path.GetTempPath(), $"sesric-probe-profile-{Environment.ProcessId}.json");
        Execute(connection, "PRAGMA enable_profiling = 'json'");
        Execute(connection, $"PRAGMA profiling_output = '{output}'");
        Execute(connection, "SET profiling_mode = 'detailed'");
        for (var i = 0; i < 5; i++)
        {
            Run(connection, statement.Sql, statement.Parameters);
        }
        Execute(connection, "PRAGMA disable_profiling");
        Console.WriteLine("// DuckDB profile of the last run:");
        Console.WriteLine(File.ReadAllText(output));
        File.Delete(output);
    }
}
