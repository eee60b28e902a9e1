using System.Globalization;

namespace Sesric.Analytics.Benchmarks;

/// <summary>Benchmark entry point: BenchmarkDotNet's switcher, <c>--harness [rows] [seed] [runs]</c> for a plain measurement run, <c>--postgres-figures [rows] [runs]</c> for the PostgreSQL store beside DuckDB, <c>--scope-cost [rows] [calls] [rounds]</c> for the scope's CPU cost on one thread, <c>--disclosure-cpu [rows] [rounds] [mixed]</c> for the disclosure cost as CPU minimums (one-level against two-level statement; <c>mixed</c> on a store of synthetic and real records), <c>--prepare-semantic [rows]</c> to build the semantic benchmark's store ahead of a timed run, or <c>--export-annual-data FILE</c> to write the tables the matplotlib script draws.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--harness")
        {
            var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
            var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
            return await Harness.RunAsync(rows, seed, runs);
        }
        if (args.Length > 0 && args[0] == "--uncached-probe")
        {
            var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 0;
            var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
            return await UncachedQueryProbe.RunAsync(rows, calls);
        }
        if (args.Length > 0 && args[0] == "--scope-cost")
        {
            var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
            var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
            return await ScopeCostProbe.RunAsync(rows, calls, rounds);
        }
        if (args.Length > 0 && args[0] == "--disclosure-cpu")
        {
            var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
            return await DisclosureCpuProbe.RunAsync(rows, rounds, mixed: args.Length > 3 && args[3] == "mixed");
        }
        if (args.Length > 0 && args[0] == "--postgres-figures")
        {
            var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
            return await PostgresFigures.RunAsync(rows, runs);
        }
        if (args.Length > 0 && args[0] == "--prepare-semantic")
        {
            // Generates (or migrates) the semantic benchmark's store ahead of a timed run and says how long it took.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var benchmark = new SemanticQueryBenchmarks { Rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000 };
            benchmark.Setup();
            benchmark.Cleanup();
            Console.WriteLine($"// store for {benchmark.Rows:N0} rows ready (generated, migrated or opened) in {clock.Elapsed}");
            return 0;
        }
        if (args.Length > 1 && args[0] == "--export-annual-data")
        {
            // The tables the matplotlib script draws, for the whole-process comparison (matplotlib/whole_process.sh).
            var report = new Reporting.AnnualReportBenchmark();
            await report.SetUp();
            File.Copy(report.DataFile, args[1], overwrite: true);
            await report.CleanUp();
            return 0;
        }
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
