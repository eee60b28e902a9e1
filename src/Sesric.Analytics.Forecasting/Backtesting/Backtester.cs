using System.Globalization;

using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Features;
using Sesric.Analytics.Forecasting.Intervals;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>
/// The rolling-origin backtest. Each origin is a year: every edition held that year is forecast by every
/// candidate from what was known before it. Baselines see the programme's earlier editions; ML.NET candidates are
/// retrained at each origin on every programme's editions of earlier years (pooled), and fall back to the naive value
/// where fewer than <see cref="ForecastOptions.MinimumTrainingRows"/> such rows exist.
/// </summary>
/// <remarks>
/// Only editions with an observed figure and at least one observed edition before them (in their programme) are
/// forecast, so every candidate is scored on the same points and naive is always defined. Gaps are skipped,
/// never filled. The chosen candidate has the lowest pooled MASE; one that does not beat naive (MASE ≥ 1) is never
/// chosen over it. Ties go to the earlier candidate in <see cref="CandidateCatalog.All"/>.
/// </remarks>
public static class Backtester
{
    /// <summary>Backtests every selected candidate for participants and for member states.</summary>
    /// <exception cref="ArgumentException">An option names an unknown candidate.</exception>
    /// <exception cref="InvalidOperationException">The dataset has no edition with an observed edition before it.</exception>
    public static BacktestReport Run(ForecastDataset dataset, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= ForecastOptions.Default;
        var candidates = CandidateCatalog.Select(options);
        return new BacktestReport(
            dataset.Hash,
            options.Seed,
            RunTarget(dataset, ForecastTarget.Participants, options, candidates),
            RunTarget(dataset, ForecastTarget.MemberStates, options, candidates));
    }

    internal static TargetBacktest RunTarget(ForecastDataset dataset, ForecastTarget target, ForecastOptions options, IReadOnlyList<Candidate> candidates)
    {
        var cases = CaseBuilder.BacktestCases(dataset, target);
        if (cases.Count == 0)
        {
            throw new InvalidOperationException(
                $"nothing to backtest for {target.Code()}: no programme has two editions with a known figure. Add attendance figures to the history.");
        }
        var predictions = new List<BacktestPrediction>();
        var years = cases.Select(c => c.Year).Distinct().Order().ToArray();
        foreach (var year in years)
        {
            var training = cases.Where(c => c.Year < year).ToArray();
            var testing = cases.Where(c => c.Year == year).ToArray();
            var byCandidate = candidates.Select(candidate => PredictAll(candidate, training, testing, options)).ToArray();
            for (var i = 0; i < testing.Length; i++)
            {
                for (var k = 0; k < candidates.Count; k++)
                {
                    var (value, fallback) = byCandidate[k][i];
                    predictions.Add(new BacktestPrediction(target, candidates[k].Name, testing[i].Edition.Edition, year,
                        testing[i].Actual!.Value, Clamp(testing[i], value), fallback));
                }
            }
        }

        var scales = Metrics.Scales(predictions.Where(p => p.Candidate == CandidateCatalog.Naive));
        var pooled = candidates
            .Select(c => Metrics.Score(c.Info, target, null, predictions.Where(p => p.Candidate == c.Name).ToArray(), scales))
            .ToArray();
        var byProgramme = dataset.Programmes
            .SelectMany(programme => candidates.Select(c => (programme, c)))
            .Select(x => (x, points: predictions.Where(p => p.Candidate == x.c.Name && p.Edition.Programme == x.programme).ToArray()))
            .Where(x => x.points.Length > 0)
            .Select(x => Metrics.Score(x.x.c.Info, target, x.x.programme, x.points, scales))
            .ToArray();
        var choice = Choose(target, pooled, years.Length, options);
        // Intervals describe the trained model, so its naive stand-ins (fallback points) do not widen them.
        var chosenPoints = predictions.Where(p => p.Candidate == choice.Candidate && !p.IsFallback).ToArray();
        return new TargetBacktest(
            target, years.Length, pooled, byProgramme, choice,
            Calibrate(chosenPoints, 0.80, options), Calibrate(chosenPoints, 0.95, options), predictions);
    }

    /// <summary>Never below zero; member states never above the states eligible for the edition.</summary>
    internal static double Clamp(ForecastCase c, double value) =>
        double.IsFinite(value) ? Math.Clamp(value, 0, Ceiling(c)) : c.Last.Value;

    /// <summary>The most a forecast can be: the eligible states for member states, unbounded for participants.</summary>
    internal static double Ceiling(ForecastCase c) =>
        c.Target == ForecastTarget.MemberStates && c.Edition.EligibleStates > 0 ? c.Edition.EligibleStates : double.PositiveInfinity;

    private static (double Value, bool Fallback)[] PredictAll(Candidate candidate, IReadOnlyList<ForecastCase> training, IReadOnlyList<ForecastCase> testing, ForecastOptions options)
    {
        switch (candidate)
        {
            case BaselineCandidate baseline:
                return testing.Select(c => (baseline.Predict(c.History, c.Edition.Number), false)).ToArray();
            case MlCandidate ml when training.Count >= options.MinimumTrainingRows:
                var model = ml.Fit(training, options);
                return ml.Predict(model, testing, options).Select(v => (v, false)).ToArray();
            default:
                return testing.Select(c => (c.Last.Value, true)).ToArray();
        }
    }

    private static ModelChoice Choose(ForecastTarget target, IReadOnlyList<CandidateScore> scores, int origins, ForecastOptions options)
    {
        var naive = scores.First(s => s.Candidate == CandidateCatalog.Naive);
        var best = scores.Where(s => s.Mase is not null).OrderBy(s => s.Mase).FirstOrDefault();
        var points = naive.Points.ToString(CultureInfo.InvariantCulture);
        if (best is null)
        {
            return new ModelChoice(target, CandidateCatalog.Naive,
                $"naive kept: every programme's series is constant over its {points} backtest points, so no candidate can be scaled against it.");
        }
        if (best.Candidate == CandidateCatalog.Naive || !best.BeatsNaive)
        {
            var runnerUp = scores.Where(s => s.Candidate != CandidateCatalog.Naive && s.Mase is not null).OrderBy(s => s.Mase).FirstOrDefault();
            var other = runnerUp is null ? "" : $"; the best other candidate, {runnerUp.Candidate}, scored MASE {F(runnerUp.Mase!.Value)}";
            return new ModelChoice(target, CandidateCatalog.Naive,
                $"naive (the last value) kept: no candidate beat it in the rolling-origin backtest over {points} forecasts from {origins} origins{other} (MASE below 1 beats naive).");
        }
        var note = best.FallbackPoints > 0 ? $" ({best.FallbackPoints} of its points used the naive value where too few earlier rows existed to train)" : "";
        if (naive.Points < options.MinimumPointsForConfidentChoice)
        {
            note += $". Weak evidence: on only {points} points a difference this size can be chance";
        }
        return new ModelChoice(target, best.Candidate,
            $"{best.Candidate} chosen: lowest MASE of {scores.Count} candidates in the rolling-origin backtest over {points} forecasts from {origins} origins: "
            + $"MASE {F(best.Mase!.Value)} against naive's 1.00, MAE {F(best.Mae)} against naive's {F(naive.Mae)}, sMAPE {F(best.Smape)}% against {F(naive.Smape)}%{note}.");
    }

    private static IntervalCalibration Calibrate(IReadOnlyList<BacktestPrediction> points, double level, ForecastOptions options)
    {
        // The final interval: residuals of the last ResidualWindowYears backtest years.
        var lastYear = points.Count == 0 ? 0 : points.Max(p => p.Year);
        var recent = Residuals(points, lastYear - options.ResidualWindowYears, lastYear + 1);
        var (q, underdetermined) = ResidualQuantile.Of(recent, level);

        // Measured coverage, out of sample: each point against an interval from the window of years just before it.
        var measured = 0;
        var covered = 0;
        foreach (var point in points)
        {
            var earlier = Residuals(points, point.Year - options.ResidualWindowYears, point.Year);
            if (earlier.Length < options.MinimumResidualsForCoverage)
            {
                continue;
            }
            var (qEarlier, _) = ResidualQuantile.Of(earlier, level);
            measured++;
            if (Math.Abs(point.Error) <= qEarlier * Math.Max(point.Predicted, 1))
            {
                covered++;
            }
        }
        return new IntervalCalibration(level, q, recent.Length, underdetermined, measured == 0 ? null : (double)covered / measured, measured);
    }

    /// <summary>Absolute relative residuals of the points held after <paramref name="fromExclusive"/> and before <paramref name="untilExclusive"/>.</summary>
    private static double[] Residuals(IReadOnlyList<BacktestPrediction> points, int fromExclusive, int untilExclusive) =>
        points.Where(p => p.Year > fromExclusive && p.Year < untilExclusive).Select(p => ResidualQuantile.Relative(p.Actual, p.Predicted)).ToArray();

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
