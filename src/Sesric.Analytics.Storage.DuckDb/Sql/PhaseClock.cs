using System.Diagnostics;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>
/// Records how long each phase of an import took (stage, classify, write, facts), for the benchmark project's
/// phase breakdown. A store given none records nothing; the import's work is the same either way.
/// </summary>
internal sealed class PhaseClock
{
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];
    private readonly Stopwatch _clock = new();

    /// <summary>The phases recorded so far, in order.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases => _phases;

    /// <summary>Starts timing the first phase.</summary>
    public void Start() => _clock.Restart();

    /// <summary>Ends the phase running now under <paramref name="phase"/> and starts the next.</summary>
    public void Mark(string phase)
    {
        _phases.Add((phase, _clock.Elapsed));
        _clock.Restart();
    }
}
