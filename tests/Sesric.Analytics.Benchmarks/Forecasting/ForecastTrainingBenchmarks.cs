using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Tests.Fixtures;

namespace Sesric.Analytics.Forecasting.Benchmarks;

/// <summary>
/// Training plus the full rolling-origin backtest (every candidate, both targets, ML.NET retrained at every origin).
/// Targets: under 5 s on the published series, under 30 s on the synthetic catalogue (25 programmes × 15 editions).
/// Run: <c>dotnet run -c Release --project tests/Sesric.Analytics.Benchmarks -- --filter *ForecastTraining*</c>.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class ForecastTrainingBenchmarks
{
    /// <summary>
    /// A short job (one warm-up, three measured runs, no pilot: each run takes seconds) in process: on these shared
    /// machines, building BenchmarkDotNet's separate boilerplate project exceeded its two-minute build timeout.
    /// </summary>
    public sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    private ForecastDataset _published = null!;
    private ForecastDataset _synthetic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _published = PublishedEditions.Dataset();
        _synthetic = SyntheticCatalogue.Dataset();
    }

    [Benchmark(Description = "train + backtest, published series")]
    public TrainedForecaster PublishedSeries() => Forecaster.Train(_published, ForecastOptions.Default, FixedClock.At2026);

    [Benchmark(Description = "train + backtest, synthetic 25x15")]
    public TrainedForecaster SyntheticCatalogue25x15() => Forecaster.Train(_synthetic, ForecastOptions.Default, FixedClock.At2026);
}
