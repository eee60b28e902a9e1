namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// The number of successes among independent trials with different probabilities: its mean, variance and quantiles.
/// </summary>
/// <remarks>
/// Exact by dynamic programming (O(n²)) up to <see cref="ExactLimit"/> trials; above it, the normal approximation
/// with a continuity correction, whose error is far below one count once the variance is that large (Lyapunov's
/// central limit theorem), and which keeps a 1M-row backtest linear.
/// </remarks>
public sealed class PoissonBinomial
{
    /// <summary>Up to this many trials the distribution is computed exactly.</summary>
    public const int ExactLimit = 600;

    private readonly double[]? _cdf;

    /// <summary>Builds the distribution of <paramref name="probabilities"/> (each clamped to [0, 1]).</summary>
    public PoissonBinomial(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        Count = probabilities.Count;
        Mean = 0;
        Variance = 0;
        foreach (var raw in probabilities)
        {
            var p = Math.Clamp(raw, 0, 1);
            Mean += p;
            Variance += p * (1 - p);
        }
        if (Count <= ExactLimit)
        {
            var pmf = new double[Count + 1];
            pmf[0] = 1;
            for (var i = 0; i < Count; i++)
            {
                var p = Math.Clamp(probabilities[i], 0, 1);
                for (var k = i + 1; k >= 1; k--)
                {
                    pmf[k] = (pmf[k] * (1 - p)) + (pmf[k - 1] * p);
                }
                pmf[0] *= 1 - p;
            }
            _cdf = new double[Count + 1];
            var sum = 0.0;
            for (var k = 0; k <= Count; k++)
            {
                sum += pmf[k];
                _cdf[k] = sum;
            }
        }
    }

    /// <summary>The number of trials.</summary>
    public int Count { get; }

    /// <summary>The expected number of successes (the sum of the probabilities).</summary>
    public double Mean { get; private set; }

    /// <summary>The variance (the sum of p(1 − p)).</summary>
    public double Variance { get; private set; }

    /// <summary>The smallest k with P(X ≤ k) ≥ <paramref name="q"/> (0 &lt; q &lt; 1).</summary>
    public int Quantile(double q)
    {
        if (q is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile level lies strictly between 0 and 1.");
        }
        if (_cdf is not null)
        {
            for (var k = 0; k < _cdf.Length; k++)
            {
                if (_cdf[k] >= q - 1e-12)
                {
                    return k;
                }
            }
            return Count;
        }
        var value = Mean + (Normal.Quantile(q) * Math.Sqrt(Variance)) - 0.5;
        return Math.Clamp((int)Math.Ceiling(value), 0, Count);
    }
}
