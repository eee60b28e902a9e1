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
/// <remarks>Run: <c>dotnet tests/Sesric.Analytics.Benchmarks/bin/Release/net10.0/Sesric.Analytics.Benchmarks.dll --disclosure-cpu [rows] [rounds]</c>.</remarks>
internal static class DisclosureCpuProbe
{
    private static readonly (string Name, SemanticQuery Query)[] Queries =
    [
        ("edition x member_state", SemanticQuery.Of("participants", "member_states").By("edition", "member_state")),
        ("year x oic_group, filtered", SemanticQuery.Of("participants", "female_share").By("year", "oic_group").Where("year >= 2000 AND modality = \"in_person\"")),
        ("member_state x gender", SemanticQuery.Of("participants", "returning_share").By("member_state", "gender")),
    ];

    public static async Task<int> RunAsync(long rows, int rounds)
    {
        var path = SemanticQueryBenchmarks.PrepareStore(rows);
        await using var store = await DuckDbAnalyticsStore.OpenAsync(path);
        using var direct = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        direct.Open();
        using (var set = direct.CreateCommand())
        {
            set.CommandText = "SET threads = 1";
            set.ExecuteNonQuery();
        }
        Console.WriteLine($"// load average {File.ReadAllText("/proc/loadavg").Trim()}; rows {rows}; rounds {rounds}");
        var variants = new List<(string Name, Func<int> Call)>();
        foreach (var twoLevel in new[] { false, true })
        {
            var engine = new QueryEngine(store, null, twoLevel);
            foreach (var (name, query) in Queries)
            {
                foreach (var policy in new[] { DisclosurePolicy.Internal, DisclosurePolicy.PublicDefault })
                {
                    var q = query.WithPolicy(policy);
                    var statement = engine.Compile(q);
                    var label = $"{(twoLevel ? "two-level" : "one-level")} | {name} | {policy.Name}";
                    variants.Add(($"{label} | SQL, 1 thread", () => Run(direct, statement)));
                    if (Environment.GetEnvironmentVariable("SESRIC_PROBE_SQL_OUT") is { Length: > 0 } output)
                    {
                        File.WriteAllText(Path.Combine(output, label.Replace(" | ", "_", StringComparison.Ordinal).Replace(' ', '-') + ".sql"), statement.Sql);
                    }
                    variants.Add(($"{label} | engine", () => engine.ExecuteAsync(q).GetAwaiter().GetResult().Rows.Count));
                }
            }
        }
        // Hand-written variants of a statement (SESRIC_PROBE_SQL_DIR, *.sql, no parameters), for trying another shape.
        if (Environment.GetEnvironmentVariable("SESRIC_PROBE_SQL_DIR") is { Length: > 0 } folder)
        {
            variants.Clear();
            foreach (var file in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
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
            var ratio = v % 4 >= 2 && variants.Count % 4 == 0 ? $"  public/internal {best[v] / best[v - 2],5:F2}x" : "";
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
