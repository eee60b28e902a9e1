using Sesric.Analytics.Forecasting.Features;

namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>Naive: the last observed value. The benchmark every other candidate must beat.</summary>
internal sealed class NaiveCandidate() : BaselineCandidate(CandidateCatalog.Naive, "the last observed edition's value")
{
    public override double Predict(IReadOnlyList<HistoryPoint> history, int nextNumber) => history[^1].Value;
}

/// <summary>Mean: the average of every observed edition.</summary>
internal sealed class MeanCandidate() : BaselineCandidate(CandidateCatalog.Mean, "the mean of every observed edition")
{
    public override double Predict(IReadOnlyList<HistoryPoint> history, int nextNumber) => history.Average(h => h.Value);
}

/// <summary>
/// Drift: the last value plus the average change per edition number between the first and last observed
/// editions, times the edition numbers ahead. Gaps count as edition steps, so a gap does not double the slope.
/// </summary>
internal sealed class DriftCandidate() : BaselineCandidate(CandidateCatalog.Drift, "the last value plus the average change per edition since the first")
{
    public override double Predict(IReadOnlyList<HistoryPoint> history, int nextNumber)
    {
        var first = history[0];
        var last = history[^1];
        if (history.Count < 2 || last.Number == first.Number)
        {
            return last.Value;
        }
        var slope = (last.Value - first.Value) / (last.Number - first.Number);
        return last.Value + slope * (nextNumber - last.Number);
    }
}

/// <summary>
/// Simple exponential smoothing: level ← α·value + (1 − α)·level, started at the first value. α is chosen from
/// 0.1, 0.2, …, 0.9 by the smallest one-step squared error on the history (ties to the smaller α); with fewer than
/// three points, α = 0.5.
/// </summary>
internal sealed class SesCandidate() : BaselineCandidate(CandidateCatalog.Ses, "simple exponential smoothing, α fitted on the history")
{
    public override double Predict(IReadOnlyList<HistoryPoint> history, int nextNumber)
    {
        if (history.Count < 3)
        {
            return Smooth(history, 0.5).Level;
        }
        var best = (Alpha: 0.5, Error: double.PositiveInfinity, Level: 0.0);
        for (var step = 1; step <= 9; step++)
        {
            var alpha = step / 10.0;
            var (level, error) = Smooth(history, alpha);
            if (error < best.Error)
            {
                best = (alpha, error, level);
            }
        }
        return best.Level;
    }

    private static (double Level, double Error) Smooth(IReadOnlyList<HistoryPoint> history, double alpha)
    {
        var level = history[0].Value;
        var error = 0.0;
        for (var i = 1; i < history.Count; i++)
        {
            var residual = history[i].Value - level;
            error += residual * residual;
            level += alpha * residual;
        }
        return (level, error);
    }
}
