namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>One bin of a reliability table: nominees whose predicted probability fell in [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="From">The bin's lower edge.</param>
/// <param name="To">The bin's upper edge (the last bin includes 1).</param>
/// <param name="Count">Nominees in the bin.</param>
/// <param name="MeanPredicted">Their mean predicted probability (NaN when empty).</param>
/// <param name="Observed">The share of them that attended (NaN when empty).</param>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanPredicted, double Observed);

/// <summary>How well predicted probabilities match outcomes: Brier score, reliability table, expected calibration error.</summary>
/// <param name="Count">Predictions scored.</param>
/// <param name="Brier">The mean squared difference between probability and outcome (0 is perfect; lower is better).</param>
/// <param name="ExpectedCalibrationError">The bins' |mean predicted − observed| weighted by their share of predictions (ten equal-width bins).</param>
/// <param name="Bins">The reliability table.</param>
public sealed record Calibration(int Count, double Brier, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>Bins in the reliability table.</summary>
    public const int BinCount = 10;

    /// <summary>Scores <paramref name="probabilities"/> against <paramref name="outcomes"/> (same order).</summary>
    public static Calibration Of(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (probabilities.Count != outcomes.Count)
        {
            throw new ArgumentException("probabilities and outcomes differ in length.", nameof(outcomes));
        }
        var n = probabilities.Count;
        var count = new int[BinCount];
        var sumP = new double[BinCount];
        var sumY = new double[BinCount];
        var brier = 0.0;
        for (var i = 0; i < n; i++)
        {
            var p = probabilities[i];
            var y = outcomes[i] ? 1.0 : 0.0;
            brier += (p - y) * (p - y);
            var b = Math.Min(BinCount - 1, (int)(p * BinCount));
            count[b]++;
            sumP[b] += p;
            sumY[b] += y;
        }
        var bins = Enumerable.Range(0, BinCount).Select(b => new ReliabilityBin(
            b / (double)BinCount, (b + 1) / (double)BinCount, count[b],
            count[b] == 0 ? double.NaN : sumP[b] / count[b], count[b] == 0 ? double.NaN : sumY[b] / count[b])).ToArray();
        var ece = n == 0 ? double.NaN : bins.Where(b => b.Count > 0).Sum(b => b.Count / (double)n * Math.Abs(b.MeanPredicted - b.Observed));
        return new Calibration(n, n == 0 ? double.NaN : brier / n, ece, bins);
    }
}
