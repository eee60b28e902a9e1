using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// A short job run in the benchmark process itself: on the project's busy 2-core machines, building the
/// separate benchmark executable BenchmarkDotNet normally generates took longer than its 2-minute build timeout.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
