using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>
/// The accuracy measures. MASE is scaled per programme by the naive forecast's MAE over the same backtest
/// points, which is the mean absolute change between consecutive observed editions (gaps skipped): Hyndman and
/// Koehler's in-sample scaling taken over the evaluated points. Pooled MASE averages every point's scaled error,
/// so a large programme does not outweigh a small one. Points of a programme whose scale is 0 (a constant series)
/// are left out of MASE only.
/// </summary>
internal static class Metrics
{
    public static double Mae(IEnumerable<BacktestPrediction> points) => points.Average(p => Math.Abs(p.Error));

    public static double Smape(IEnumerable<BacktestPrediction> points) => points.Average(p =>
    {
        var denominator = Math.Abs(p.Actual) + Math.Abs(p.Predicted);
        return denominator == 0 ? 0 : 200 * Math.Abs(p.Error) / denominator;
    });

    /// <summary>Each programme's naive MAE over its backtest points.</summary>
    public static IReadOnlyDictionary<ProgrammeId, double> Scales(IEnumerable<BacktestPrediction> naivePoints) =>
        naivePoints.GroupBy(p => p.Edition.Programme).ToDictionary(g => g.Key, g => g.Average(p => Math.Abs(p.Error)));

    public static double? Mase(IEnumerable<BacktestPrediction> points, IReadOnlyDictionary<ProgrammeId, double> scales)
    {
        var scaled = points
            .Where(p => scales.TryGetValue(p.Edition.Programme, out var s) && s > 0)
            .Select(p => Math.Abs(p.Error) / scales[p.Edition.Programme])
            .ToArray();
        return scaled.Length == 0 ? null : scaled.Average();
    }

    public static CandidateScore Score(
        CandidateInfo candidate, ForecastTarget target, ProgrammeId? programme,
        IReadOnlyList<BacktestPrediction> points, IReadOnlyDictionary<ProgrammeId, double> scales) =>
        new(candidate.Name, candidate.Kind, target, programme?.Value, points.Count, points.Count(p => p.IsFallback),
            points.Count == 0 ? double.NaN : Mae(points),
            points.Count == 0 ? null : Mase(points, scales),
            points.Count == 0 ? double.NaN : Smape(points));
}
