using Sesric.Analytics.Forecasting.Nominations;

namespace Sesric.Analytics.Forecasting.Tests.Nominations;

public sealed class PoissonBinomialTests
{
    [Fact]
    public void Small_cases_match_enumeration_of_every_outcome()
    {
        double[] p = [0.9, 0.5, 0.2, 0.7];
        var pmf = new double[5];
        for (var mask = 0; mask < 16; mask++)
        {
            var prob = 1.0;
            for (var i = 0; i < 4; i++)
            {
                prob *= (mask & (1 << i)) != 0 ? p[i] : 1 - p[i];
            }
            pmf[System.Numerics.BitOperations.PopCount((uint)mask)] += prob;
        }
        var pb = new PoissonBinomial(p);
        Assert.Equal(2.3, pb.Mean, 12);
        Assert.Equal(0.09 + 0.25 + 0.16 + 0.21, pb.Variance, 12);
        foreach (var q in new[] { 0.05, 0.1, 0.3, 0.5, 0.9, 0.975 })
        {
            var k = 0;
            for (var cdf = pmf[0]; cdf < q; cdf += pmf[++k])
            {
            }
            Assert.Equal(k, pb.Quantile(q));
        }
    }

    [Fact]
    public void The_normal_approximation_above_the_exact_limit_agrees_with_the_exact_answer_at_the_limit()
    {
        var p = Enumerable.Range(0, PoissonBinomial.ExactLimit).Select(i => 0.3 + (0.6 * i / PoissonBinomial.ExactLimit)).ToArray();
        var exact = new PoissonBinomial(p);
        var approximate = new PoissonBinomial([.. p, 0.0]);
        foreach (var q in new[] { 0.025, 0.1, 0.9, 0.975 })
        {
            Assert.InRange(approximate.Quantile(q) - exact.Quantile(q), -1, 1);
        }
    }

    [Fact]
    public void Calibration_of_perfect_and_biased_predictions()
    {
        var p = Enumerable.Repeat(0.25, 400).ToArray();
        var outcomes = Enumerable.Range(0, 400).Select(i => i % 4 == 0).ToArray();
        var fair = Calibration.Of(p, outcomes);
        Assert.Equal(0, fair.ExpectedCalibrationError, 12);
        Assert.Equal(0.1875, fair.Brier, 12);
        Assert.Equal(400, fair.Bins[2].Count);
        var biased = Calibration.Of(Enumerable.Repeat(0.65, 400).ToArray(), outcomes);
        Assert.Equal(0.4, biased.ExpectedCalibrationError, 12);
    }

    [Fact]
    public void Widening_stretches_intervals_only_when_errors_are_larger_than_the_model_says()
    {
        var p = Enumerable.Repeat(0.8, 100).ToArray();
        var plain = AttendanceInterval.Of(p, Widening.None);
        var wide = AttendanceInterval.Of(p, Widening.From(Enumerable.Repeat(2.5632, 10).ToArray(), 8));
        Assert.Equal(80, plain.Expected, 9);
        Assert.True(wide.Lower80 < plain.Lower80 && wide.Upper80 > plain.Upper80);
        Assert.Equal(Widening.None.Factor80, Widening.From([0.1, 0.2, 0.3], 2).Factor80);
        Assert.Equal(0, Widening.From([5.0], 2).Editions - 1);
        Assert.Equal(1, Widening.From([5.0], 2).Factor80);
    }
}
