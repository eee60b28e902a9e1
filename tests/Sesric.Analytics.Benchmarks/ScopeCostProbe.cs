using System.Diagnostics;
using System.Globalization;

using DuckDB.NET.Data;

using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// The scope's cost as CPU time per call with DuckDB on one thread, the figure a loaded machine distorts least: each
/// variant of <see cref="ScopeCostBenchmarks"/>' query runs <c>calls</c> times per round, the variants interleaved, and
/// the minimum over the rounds is printed with its ratio to the unscoped query of the same policy.
/// </summary>
/// <remarks>
/// Besides the benchmark's pairs it runs the statement the scope's condition gives (a caller's own OR of every
/// programme, internally: the same <c>programme_id IN (…)</c> list), the statement a scope of every programme ran before
/// it was answered by the unscoped statement with a count of what lies outside it. Run:
/// <c>dotnet tests/Sesric.Analytics.Benchmarks/bin/Release/net10.0/Sesric.Analytics.Benchmarks.dll --scope-cost [rows] [calls] [rounds]</c>.
/// </remarks>
internal static class ScopeCostProbe
{
    private static readonly SemanticQuery ByYear = SemanticQuery.Of("participants", "member_states").By("year");

    public static async Task<int> RunAsync(long rows, int calls, int rounds)
    {
        var path = SemanticQueryBenchmarks.PrepareStore(rows);
        await using var store = await DuckDbAnalyticsStore.OpenAsync(path);
        using (var direct = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}"))
        {
            direct.Open();
            using var command = direct.CreateCommand();
            command.CommandText = "SET threads = 1"; // the database's setting: the store's connections run on one thread too
            command.ExecuteNonQuery();
        }
        var engine = new QueryEngine(store);
        var programmes = (await store.LoadCatalogueAsync()).Programmes.Select(p => p.Id).ToArray();
        var every = new ScopedQueryRunner(engine, DataScope.Of(programmes));
        var one = new ScopedQueryRunner(engine, DataScope.Of([programmes[0]]));
        var @internal = ByYear.WithPolicy(DisclosurePolicy.Internal);
        var orOfEvery = programmes.Select(p => (FilterExpression)FilterExpression.Equal("programme", p.Value)).Aggregate((a, b) => a | b);
        var variants = new (string Name, IQueryRunner Runner, SemanticQuery Query, string Baseline)[]
        {
            ("public: unscoped", engine, ByYear, "public: unscoped"),
            ("public: scope of every programme", every, ByYear, "public: unscoped"),
            ("internal: unscoped", engine, @internal, "internal: unscoped"),
            ("internal: scope of every programme", every, @internal, "internal: unscoped"),
            ("internal: the scope's condition (old path)", engine, @internal.Where(orOfEvery), "internal: unscoped"),
            ("public: caller's filter, one programme", engine, ByYear.Where(FilterExpression.Equal("programme", programmes[0].Value)), "public: caller's filter, one programme"),
            ("public: scope of one programme", one, ByYear, "public: caller's filter, one programme"),
        };
        Console.WriteLine($"// load average {File.ReadAllText("/proc/loadavg").Trim()}; rows {rows}; {calls} calls x {rounds} rounds; DuckDB threads = 1");
        var best = variants.ToDictionary(v => v.Name, _ => double.MaxValue);
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, runner, query, _) in variants)
            {
                runner.ExecuteAsync(query).GetAwaiter().GetResult();
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                for (var i = 0; i < calls; i++)
                {
                    runner.ExecuteAsync(query).GetAwaiter().GetResult();
                }
                process.Refresh();
                best[name] = Math.Min(best[name], (process.TotalProcessorTime - cpu0).TotalMilliseconds / calls);
            }
        }
        foreach (var (name, _, _, baseline) in variants)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} CPU/call min {best[name],8:F2} ms  ratio {best[name] / best[baseline],5:F2}"));
        }
        Console.WriteLine($"// load average {File.ReadAllText("/proc/loadavg").Trim()} at the end");
        return 0;
    }
}
