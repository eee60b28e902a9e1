using System.Diagnostics;
using System.Globalization;

using DuckDB.NET.Data;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// The disclosure-cost queries (<see cref="DisclosureCostBenchmarks"/>) timed as a loaded machine distorts least: the
/// minimum CPU time of the whole process per call, over many calls interleaved across the variants (so every variant
/// meets the same load), for each policy and for the one-level and the two-level statement. Two measures: the compiled
/// SQL alone on a kept connection with DuckDB on one thread, and the engine end to end (the store's own threads).
/// </summary>
/// <remarks>Run: <c>dotnet tests/Sesric.Analytics.Benchmarks/bin/Release/net10.0/Sesric.Analytics.Benchmarks.dll --disclosure-cpu [rows] [rounds] [mixed]</c>
/// (<c>mixed</c>: on the store whose records are about half synthetic, drawn record by record).</remarks>
internal static class DisclosureCpuProbe
{
    private static readonly (string Name, SemanticQuery Query)[] Queries =
    [
        ("edition x member_state", SemanticQuery.Of("participants", "member_states").By("edition", "member_state")),
        ("year x oic_group, filtered", SemanticQuery.Of("participants", "female_share").By("year", "oic_group").Where("year >= 2000 AND modality = \"in_person\"")),
        ("member_state x gender", SemanticQuery.Of("participants", "returning_share").By("member_state", "gender")),
    ];

    public static async Task<int> RunAsync(long rows, int rounds, bool mixed = false)
    {
        // The mixed store (about half the records synthetic) needs the synthetic share's keys in nearly every result.
        var path = mixed ? SemanticQueryBenchmarks.PrepareMixedStore(rows) : SemanticQueryBenchmarks.PrepareStore(rows);
        await using var store = await DuckDbAnalyticsStore.OpenAsync(path);
        using var direct = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        direct.Open();
        using (var set = direct.CreateCommand())
        {
            // SESRIC_PROBE_THREADS runs the SQL variants on more threads (the store's own setting at 1M rows is 2), to see
            // what parallel aggregation adds to a statement's CPU.
            var threads = int.TryParse(Environment.GetEnvironmentVariable("SESRIC_PROBE_THREADS"), out var t) && t > 0 ? t : 1;
            set.CommandText = $"SET threads = {threads}";
            set.ExecuteNonQuery();
        }
        Console.WriteLine($"// load average {File.ReadAllText("/proc/loadavg").Trim()}; rows {rows}{(mixed ? " (mixed)" : "")}; rounds {rounds}");
        var variants = new List<(string Name, Func<int> Call)>();
        // SESRIC_PROBE_TWO_LEVEL_ONLY leaves out the one-level statement (half the run).
        foreach (var twoLevel in string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SESRIC_PROBE_TWO_LEVEL_ONLY")) ? new[] { false, true } : [true])
        {
            var engine = new QueryEngine(store, null, twoLevel);
            var compiler = new SqlCompiler(SqlDialect.For(store.Description.Engine), twoLevel);
            var always = new QueryEngine(store, null, twoLevel, QueryEngine.DefaultInMemoryFactRows, alwaysShareKeys: true);
            foreach (var (name, query) in Queries)
            {
                foreach (var policy in new[] { DisclosurePolicy.Internal, DisclosurePolicy.PublicDefault })
                {
                    var q = query.WithPolicy(policy);
                    // The statement the engine runs: on the all-synthetic store without the synthetic share's keys, on the
                    // mixed one with them (see SyntheticShareKeys).
                    var plan = QueryPlan.Resolve(q, engine.Model, probeScope: false, shareKeys: mixed);
                    var statement = compiler.Compile(plan);
                    var label = $"{(twoLevel ? "two-level" : "one-level")} | {name} | {policy.Name}";
                    variants.Add(($"{label} | SQL, 1 thread", () => Run(direct, statement)));
                    if (Environment.GetEnvironmentVariable("SESRIC_PROBE_SQL_OUT") is { Length: > 0 } output)
                    {
                        File.WriteAllText(Path.Combine(output, label.Replace(" | ", "_", StringComparison.Ordinal).Replace(' ', '-') + ".sql"), statement.Sql);
                    }
                    variants.Add(($"{label} | engine", () => engine.ExecuteAsync(q).GetAwaiter().GetResult().Rows.Count));
                    if (policy.Protects)
                    {
                        // As before the share's keys were left out where a result does not need them, for the same-run comparison.
                        variants.Add(($"{label} | engine, share keys always", () => always.ExecuteAsync(q).GetAwaiter().GetResult().Rows.Count));
                    }
                    // The C# part alone (reading the statement's rows into the protected, ordered table), over rows fetched once.
                    var fetched = store.QueryAsync(statement).GetAwaiter().GetResult();
                    variants.Add(($"{label} | assemble", () => ResultAssembler.Assemble(plan, fetched, Stopwatch.StartNew()).Rows.Count));
                }
            }
        }
        // Hand-written variants of a statement (SESRIC_PROBE_SQL_DIR, *.sql, no parameters), for trying another shape.
        var folder = Environment.GetEnvironmentVariable("SESRIC_PROBE_SQL_DIR");
        var handWritten = !string.IsNullOrEmpty(folder);
        if (handWritten)
        {
            variants.Clear();
            foreach (var file in Directory.GetFiles(folder!, "*.sql").Order(StringComparer.Ordinal))
            {
                var sql = new SqlStatement(File.ReadAllText(file), []);
                variants.Add((Path.GetFileNameWithoutExtension(file), () => Run(direct, sql)));
            }
        }
        var best = variants.Select(_ => double.MaxValue).ToArray();
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                variants[v].Call();
                process.Refresh();
                best[v] = Math.Min(best[v], (process.TotalProcessorTime - cpu0).TotalMilliseconds);
            }
        }
        for (var v = 0; v < variants.Count; v++)
        {
            // Each public variant against the internal one of the same query and measure.
            var name = variants[v].Name;
            var baseline = name.Replace(" | engine, share keys always", " | engine", StringComparison.Ordinal).Replace(" | public | ", " | internal | ", StringComparison.Ordinal);
            var b = handWritten || baseline == name ? -1 : variants.FindIndex(x => x.Name == baseline);
            var ratio = b >= 0 ? $"  public/internal {best[v] / best[b],5:F2}x" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[v].Name,-75} CPU min {best[v],9:F2} ms{ratio}"));
        }
        Console.WriteLine($"// load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static int Run(DuckDBConnection connection, SqlStatement statement)
    {
        using var command = connection.CreateCommand();
        command.CommandText = statement.Sql;
        foreach (var p in statement.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }
        using var reader = command.ExecuteReader();
        var count = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            count++;
        }
        return count;
    }
}
