namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// An expected count with its 80 % and 95 % intervals: the Poisson-binomial quantiles of the predicted probabilities,
/// stretched about the mean by the factors the backtest measured (at least 1), rounded outwards and kept in [0, n].
/// </summary>
/// <param name="Expected">The expected count.</param>
/// <param name="Lower80">The 80 % interval's lower end.</param>
/// <param name="Upper80">The 80 % interval's upper end.</param>
/// <param name="Lower95">The 95 % interval's lower end.</param>
/// <param name="Upper95">The 95 % interval's upper end.</param>
public sealed record AttendanceInterval(double Expected, int Lower80, int Upper80, int Lower95, int Upper95)
{
    /// <summary>The interval of the successes among <paramref name="probabilities"/>, widened by <paramref name="widening"/>.</summary>
    public static AttendanceInterval Of(IReadOnlyList<double> probabilities, Widening widening)
    {
        ArgumentNullException.ThrowIfNull(widening);
        var pb = new PoissonBinomial(probabilities);
        var (l80, u80) = Stretch(pb, 0.10, 0.90, widening.Factor80);
        var (l95, u95) = Stretch(pb, 0.025, 0.975, widening.Factor95);
        return new AttendanceInterval(pb.Mean, l80, u80, l95, u95);
    }

    /// <summary>Whether <paramref name="actual"/> lies in the 80 % interval.</summary>
    public bool Covers80(int actual) => actual >= Lower80 && actual <= Upper80;

    /// <summary>Whether <paramref name="actual"/> lies in the 95 % interval.</summary>
    public bool Covers95(int actual) => actual >= Lower95 && actual <= Upper95;

    private static (int Lower, int Upper) Stretch(PoissonBinomial pb, double low, double high, double factor)
    {
        // Quantiles of a discrete count, then stretched about the mean: a factor of 1 keeps them as they are.
        var lower = pb.Mean - (factor * (pb.Mean - pb.Quantile(low)));
        var upper = pb.Mean + (factor * (pb.Quantile(high) - pb.Mean));
        return (Math.Clamp((int)Math.Floor(lower + 1e-9), 0, pb.Count), Math.Clamp((int)Math.Ceiling(upper - 1e-9), 0, pb.Count));
    }
}

/// <summary>
/// How much the backtest says the Poisson-binomial intervals must be stretched: the 80th and 95th percentiles of the
/// backtest's standardised errors |actual − expected| / sd, over 1.2816 and 1.96 (the normal's), never below 1. The
/// model's own uncertainty (it is estimated, and the process drifts) is what the stretch adds.
/// </summary>
/// <param name="Factor80">The 80 % interval's factor (at least 1).</param>
/// <param name="Factor95">The 95 % interval's factor (at least 1).</param>
/// <param name="Editions">Backtested editions the factors come from (0: none, factors 1).</param>
public sealed record Widening(double Factor80, double Factor95, int Editions)
{
    /// <summary>No stretch.</summary>
    public static Widening None { get; } = new(1, 1, 0);

    /// <summary>The factors from standardised errors (none when fewer than <paramref name="minimum"/>).</summary>
    public static Widening From(IReadOnlyCollection<double> standardisedErrors, int minimum)
    {
        ArgumentNullException.ThrowIfNull(standardisedErrors);
        if (standardisedErrors.Count < minimum || standardisedErrors.Count == 0)
        {
            return None with { Editions = standardisedErrors.Count };
        }
        var sorted = standardisedErrors.Select(Math.Abs).Order().ToArray();
        return new Widening(
            Math.Max(1, Percentile(sorted, 0.80) / 1.2816),
            Math.Max(1, Percentile(sorted, 0.95) / 1.9600),
            sorted.Length);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var i = (int)Math.Floor(position);
        return i + 1 < sorted.Length ? sorted[i] + ((position - i) * (sorted[i + 1] - sorted[i])) : sorted[i];
    }
}
