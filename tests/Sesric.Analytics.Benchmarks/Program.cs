namespace Sesric.Analytics.Benchmarks;

/// <summary>Benchmark entry point (BenchmarkDotNet switcher).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static void Main(string[] args) => BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}