using System.Diagnostics;

using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.Postgres;
using Sesric.Analytics.Storage.Sql;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// The PostgreSQL store's figures beside DuckDB's, in one run on the same generated data
/// (<c>dotnet run -c Release --project tests/Sesric.Analytics.Benchmarks -- --postgres-figures [rows] [runs]</c>):
/// the import of every row into a fresh store (alternating engines, each run), and the semantic benchmark's two
/// group-by queries (<see cref="SemanticQueryBenchmarks"/>) through the engine, alternating engines per repetition,
/// reported as medians. PostgreSQL runs in a cluster this process starts (Debian's postgresql, durable settings).
/// </summary>
/// <remarks>A plain stopwatch run rather than BenchmarkDotNet: one import of 1M rows into PostgreSQL takes tens of
/// seconds, and BenchmarkDotNet's minimum of warm-up and iterations per engine would take most of an hour on 2 cores.</remarks>
public static class PostgresFigures
{
    private static readonly (string Name, SemanticQuery Query)[] Queries =
    [
        ("participants, member_states by edition x member_state",
            SemanticQuery.Of("participants", "member_states").By("edition", "member_state").WithPolicy(DisclosurePolicy.Internal)),
        ("participants, member_states by year x oic_group, filtered",
            SemanticQuery.Of("participants", "member_states").By("year", "oic_group")
                .Where("year >= 2000 AND modality != \"virtual\"").WithPolicy(DisclosurePolicy.Internal)),
    ];

    public static async Task<int> RunAsync(long rows, int runs, int repetitions = 15)
    {
        var output = Console.Out;
        output.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, load average {LoadAverage()}, .NET {Environment.Version}");
        var data = BenchmarkData.Prepare(rows, seed: 7);
        output.WriteLine($"input: {rows:N0} rows ({data.ParticipationsCsv})");
        using var cluster = PostgresCluster.Start(durable: true);
        output.WriteLine($"PostgreSQL cluster on port {cluster.Port} ({cluster.Folder})");

        var duckImports = new List<double>();
        var pgImports = new List<double>();
        IAnalyticsStore? duck = null;
        IAnalyticsStore? pg = null;
        for (var run = 1; run <= runs; run++)
        {
            if (duck is not null)
            {
                await duck.DisposeAsync();
            }
            if (pg is not null)
            {
                await pg.DisposeAsync();
            }
            var duckStore = await data.CreateEmptyStoreAsync(Path.Combine(data.Folder, "postgres-figures.duckdb"));
            var duckPhases = new PhaseClock();
            duckStore.ImportPhases = duckPhases;
            duckImports.Add(await TimeImportAsync(data, duckStore));
            duckStore.ImportPhases = null;
            duck = duckStore;

            var address = cluster.CreateDatabase($"figures_{run}");
            var pgStore = await PostgresAnalyticsStore.OpenAsync(address);
            await data.WriteCatalogueAsync(pgStore);
            var pgPhases = new PhaseClock(cluster.ServerCpu);
            pgStore.ImportPhases = pgPhases;
            var serverCpu = cluster.ServerCpu();
            pgImports.Add(await TimeImportAsync(data, pgStore));
            serverCpu = cluster.ServerCpu() - serverCpu;
            pgStore.ImportPhases = null;
            pg = pgStore;
            output.WriteLine($"run {run}: import DuckDB {duckImports[^1]:F2} s, PostgreSQL {pgImports[^1]:F2} s (load average {LoadAverage()})");
            WritePhases(output, "DuckDB", duckPhases, duckImports[^1]);
            WritePhases(output, "PostgreSQL", pgPhases, pgImports[^1]);
            output.WriteLine($"  PostgreSQL server CPU over the whole import {serverCpu.TotalSeconds:F2} s (every process of the cluster)");
        }
        output.WriteLine($"import median over all runs: DuckDB {Median(duckImports):F2} s, PostgreSQL {Median(pgImports):F2} s, ratio {Median(pgImports) / Median(duckImports):F2}x");
        output.WriteLine($"ratio of each run (PostgreSQL / DuckDB): {string.Join(", ", pgImports.Select((pgSeconds, i) => $"{pgSeconds / duckImports[i]:F2}x"))}");
        if (runs >= 2)
        {
            // The first run's DuckDB import is the process's first (its code not yet compiled by the JIT, the file not yet
            // cached) and takes seconds longer; PostgreSQL's, which follows it, finds the parser compiled. Comparing from
            // the second run on compares like with like.
            var warmDuck = duckImports.Skip(1).ToList();
            var warmPg = pgImports.Skip(1).ToList();
            output.WriteLine($"import median from run 2 on (warm): DuckDB {Median(warmDuck):F2} s, PostgreSQL {Median(warmPg):F2} s, ratio {Median(warmPg) / Median(warmDuck):F2}x");
        }

        var duckEngine = new QueryEngine(duck!);
        var pgEngine = new QueryEngine(pg!);
        foreach (var (name, query) in Queries)
        {
            var duckTimes = new List<double>();
            var pgTimes = new List<double>();
            for (var i = -3; i < repetitions; i++)
            {
                var d = await TimeQueryAsync(duckEngine, query);
                var p = await TimeQueryAsync(pgEngine, query);
                if (i >= 0)
                {
                    duckTimes.Add(d.Ms);
                    pgTimes.Add(p.Ms);
                }
                if (i == -3 && d.Rows != p.Rows)
                {
                    throw new InvalidOperationException($"{name}: DuckDB gave {d.Rows} rows, PostgreSQL {p.Rows}");
                }
            }
            output.WriteLine($"{name}: median DuckDB {Median(duckTimes):F1} ms, PostgreSQL {Median(pgTimes):F1} ms, ratio {Median(pgTimes) / Median(duckTimes):F2}x "
                + $"(PostgreSQL min {pgTimes.Min():F1}, max {pgTimes.Max():F1}; {repetitions} repetitions; load average {LoadAverage()})");
        }
        await duck!.DisposeAsync();
        await pg!.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// Writes each phase's wall time and this process's CPU time, and for PostgreSQL the server's CPU time (every
    /// process of the cluster, read from /proc: what to compare between runs on a loaded machine); what the phases leave
    /// of the total is the lock, the commit and the catalogue read.
    /// </summary>
    private static void WritePhases(TextWriter output, string engine, PhaseClock phases, double totalSeconds)
    {
        for (var i = 0; i < phases.Phases.Count; i++)
        {
            var (phase, elapsed, cpu) = phases.Phases[i];
            var server = i < phases.ServerCpu.Count ? $", server's {phases.ServerCpu[i].TotalSeconds,6:F2} s" : "";
            output.WriteLine($"  {engine,-10} {elapsed.TotalSeconds,7:F2} s  (this process's CPU {cpu.TotalSeconds,6:F2} s{server})  {phase}");
        }
        output.WriteLine($"  {engine,-10} {totalSeconds - phases.Phases.Sum(p => p.Elapsed.TotalSeconds),7:F2} s  (the rest: write lock, commit)");
    }

    private static async Task<double> TimeImportAsync(BenchmarkData data, IAnalyticsStore store)
    {
        var catalogue = await store.LoadCatalogueAsync();
        var clock = Stopwatch.StartNew();
        var outcome = await data.ImportAsync(store, catalogue);
        clock.Stop();
        if (outcome.Participations.Inserted == 0)
        {
            throw new InvalidOperationException("the import wrote nothing");
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Ms, int Rows)> TimeQueryAsync(QueryEngine engine, SemanticQuery query)
    {
        var clock = Stopwatch.StartNew();
        var table = await engine.ExecuteAsync(query);
        return (clock.Elapsed.TotalMilliseconds, table.Rows.Count);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
