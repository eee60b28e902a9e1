using System.Globalization;

namespace Sesric.Analytics.Benchmarks;

/// <summary>Benchmark entry point: BenchmarkDotNet's switcher, or <c>--harness [rows]</c> for a plain measurement run.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--harness")
        {
            var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            return await Harness.RunAsync(rows);
        }
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
