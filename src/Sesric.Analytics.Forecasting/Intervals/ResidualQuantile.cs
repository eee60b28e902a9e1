namespace Sesric.Analytics.Forecasting.Intervals;

/// <summary>Conformal quantiles of absolute relative residuals, and the intervals they give.</summary>
internal static class ResidualQuantile
{
    /// <summary>|actual − forecast| / max(forecast, 1).</summary>
    public static double Relative(double actual, double forecast) => Math.Abs(actual - forecast) / Math.Max(forecast, 1);

    /// <summary>The ⌈(n + 1)·level⌉-th smallest residual, or the largest when n is too small (flagged).</summary>
    public static (double Q, bool Underdetermined) Of(IReadOnlyList<double> residuals, double level)
    {
        if (residuals.Count == 0)
        {
            return (0, true);
        }
        var sorted = residuals.Order().ToArray();
        var rank = (int)Math.Ceiling((sorted.Length + 1) * level);
        return rank > sorted.Length ? (sorted[^1], true) : (sorted[rank - 1], false);
    }

    /// <summary>point ± q · max(point, 1), the lower end cut at 0 and the upper at <paramref name="ceiling"/>.</summary>
    public static (double Lower, double Upper) Interval(double point, double q, double ceiling)
    {
        var half = q * Math.Max(point, 1);
        return (Math.Max(0, point - half), Math.Min(ceiling, point + half));
    }
}
