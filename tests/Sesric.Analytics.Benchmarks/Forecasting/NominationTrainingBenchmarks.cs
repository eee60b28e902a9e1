using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Forecasting.Nominations;

namespace Sesric.Analytics.Forecasting.Benchmarks;

/// <summary>
/// The nomination forecast's training plus its full edition-by-edition backtest (every candidate, refitted once per
/// year of window closing), as of a day after the last edition. The history (participations turned into nominees) is
/// built in the setup: loading is not training. Targets: under 5 s on the built-in registry, under 2 minutes on a
/// 1M-row generated registry (25 programmes × 15 editions).
/// Run: <c>dotnet run -c Release --project tests/Sesric.Analytics.Benchmarks -- --filter *NominationTraining*</c>.
/// </summary>
/// <remarks>One cold run each, in process: a 1M-row run takes about a minute, and the spread between runs on these
/// shared machines (10–20 %) is larger than what more iterations would resolve.</remarks>
[Config(typeof(OneColdRunConfig))]
public class NominationTrainingBenchmarks
{
    /// <summary>One cold run in process (see the remarks).</summary>
    public sealed class OneColdRunConfig : ManualConfig
    {
        public OneColdRunConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private NominationHistory _builtIn = null!;
    private NominationHistory _generated = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builtIn = BuiltInDataset.Load();
        _builtIn = NominationHistory.From(builtIn.Catalogue, builtIn.Participations);
        var generated = ScaleGenerator.Generate(new ScaleOptions(1_000_000, 1));
        _generated = NominationHistory.From(generated.Catalogue, generated.Participations);
    }

    [Benchmark(Description = "nominations: train + edition backtest, built-in registry")]
    public TrainedNominationForecaster BuiltIn() => NominationForecaster.Train(_builtIn, AfterLast(_builtIn));

    [Benchmark(Description = "nominations: train + edition backtest, 1M generated")]
    public TrainedNominationForecaster Generated1M() => NominationForecaster.Train(_generated, AfterLast(_generated));

    private static DateOnly AfterLast(NominationHistory history) => history.Editions.Max(NominationHistory.End).AddDays(1);
}
