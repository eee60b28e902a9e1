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
/// the CPU figure is the one to compare between runs. A client-server store's work is mostly in the server's
/// processes: a clock given a way to read the server's CPU (<see cref="PhaseClock(Func{TimeSpan})"/>, a benchmark that
/// runs the server on the same machine) records that per phase too.
/// </remarks>
public sealed class PhaseClock
{
    private readonly List<(string Phase, TimeSpan Elapsed, TimeSpan Cpu)> _phases = [];
    private readonly List<TimeSpan> _serverPhases = [];
    private readonly Stopwatch _clock = new();
    private readonly Func<TimeSpan>? _serverCpu;
    private TimeSpan _cpuAtStart;
    private TimeSpan _serverCpuAtStart;

    /// <summary>A clock of wall time and this process's CPU time.</summary>
    public PhaseClock()
    {
    }

    /// <summary>A clock that also records, per phase, the difference of <paramref name="serverCpu"/> (a server's CPU time so far).</summary>
    public PhaseClock(Func<TimeSpan> serverCpu) => _serverCpu = serverCpu;

    /// <summary>The phases recorded so far, in order.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed, TimeSpan Cpu)> Phases => _phases;

    /// <summary>The server's CPU time in each phase of <see cref="Phases"/>, in order; empty for a clock given no server.</summary>
    public IReadOnlyList<TimeSpan> ServerCpu => _serverPhases;

    /// <summary>Starts timing the first phase.</summary>
    public void Start()
    {
        _cpuAtStart = ProcessCpu();
        _serverCpuAtStart = _serverCpu?.Invoke() ?? TimeSpan.Zero;
        _clock.Restart();
    }

    /// <summary>Ends the phase running now under <paramref name="phase"/> and starts the next.</summary>
    public void Mark(string phase)
    {
        var cpu = ProcessCpu();
        _phases.Add((phase, _clock.Elapsed, cpu - _cpuAtStart));
        _cpuAtStart = cpu;
        if (_serverCpu is not null)
        {
            var server = _serverCpu();
            _serverPhases.Add(server - _serverCpuAtStart);
            _serverCpuAtStart = server;
        }
        _clock.Restart();
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
