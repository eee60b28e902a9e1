using System.Diagnostics;

namespace Sesric.Analytics.Storage.Sql;

/// <summary>
/// Records how long each phase of an import took (stage, classify, write, facts), in wall time and in the
/// process's CPU time, for the benchmark project's phase breakdown. A store given none records nothing; the
/// import's work is the same either way.
/// </summary>
/// <remarks>
/// CPU time covers every thread of the process (DuckDB's workers and the parsing thread included). On the
/// shared 2-core machines wall times stretch several-fold with the load while CPU times stretch far less, so
/// the CPU figure is the one to compare between runs.
/// </remarks>
public sealed class PhaseClock
{
    private readonly List<(string Phase, TimeSpan Elapsed, TimeSpan Cpu)> _phases = [];
    private readonly Stopwatch _clock = new();
    private TimeSpan _cpuAtStart;

    /// <summary>The phases recorded so far, in order.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed, TimeSpan Cpu)> Phases => _phases;

    /// <summary>Starts timing the first phase.</summary>
    public void Start()
    {
        _cpuAtStart = ProcessCpu();
        _clock.Restart();
    }

    /// <summary>Ends the phase running now under <paramref name="phase"/> and starts the next.</summary>
    public void Mark(string phase)
    {
        var cpu = ProcessCpu();
        _phases.Add((phase, _clock.Elapsed, cpu - _cpuAtStart));
        _cpuAtStart = cpu;
        _clock.Restart();
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
