using System.Globalization;
using System.Text;

using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>The backtest of every candidate for both targets, over one dataset.</summary>
/// <param name="DatasetHash">The dataset's hash (see <see cref="ForecastDataset.Hash"/>).</param>
/// <param name="Seed">The seed the ML.NET candidates were trained with.</param>
/// <param name="Participants">The participants backtest.</param>
/// <param name="MemberStates">The member-states backtest.</param>
public sealed record BacktestReport(string DatasetHash, int Seed, TargetBacktest Participants, TargetBacktest MemberStates)
{
    /// <summary>The backtest for <paramref name="target"/>.</summary>
    public TargetBacktest For(ForecastTarget target) => target == ForecastTarget.MemberStates ? MemberStates : Participants;

    /// <summary>
    /// The pooled table (and, with <paramref name="byProgramme"/>, a table per programme) as Markdown, with invariant
    /// number formats: the same report gives the same text.
    /// </summary>
    public string ToMarkdown(bool byProgramme = false)
    {
        var text = new StringBuilder();
        foreach (var target in new[] { Participants, MemberStates })
        {
            var chosen = target.ChosenScore;
            text.Append(CultureInfo.InvariantCulture, $"**{Title(target.Target)}** ({chosen.Points} backtest forecasts over {target.Origins} origins)\n\n");
            AppendTable(text, target.Candidates, target.Choice.Candidate, withProgramme: false);
            text.Append(CultureInfo.InvariantCulture, $"\nChosen: {target.Choice.Reason}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Intervals: {Describe(target.Interval80)}; {Describe(target.Interval95)}.\n\n");
            if (byProgramme)
            {
                AppendTable(text, target.ByProgramme, target.Choice.Candidate, withProgramme: true);
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Title(ForecastTarget target) => target == ForecastTarget.MemberStates ? "Member states represented" : "Participants";

    private static void AppendTable(StringBuilder text, IEnumerable<CandidateScore> scores, string chosen, bool withProgramme)
    {
        text.Append(withProgramme ? "| programme | candidate | points | fallbacks | MAE | MASE | sMAPE % |\n|---|---|---:|---:|---:|---:|---:|\n"
                                  : "| candidate | points | fallbacks | MAE | MASE | sMAPE % |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var s in scores)
        {
            var name = s.Candidate == chosen ? $"**{s.Candidate}** (chosen)" : s.Candidate;
            var prefix = withProgramme ? $"| {s.Programme} " : "";
            text.Append(CultureInfo.InvariantCulture,
                $"{prefix}| {name} | {s.Points} | {s.FallbackPoints} | {Format(s.Mae)} | {(s.Mase is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")} | {Format(s.Smape)} |\n");
        }
    }

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Describe(Intervals.IntervalCalibration interval)
    {
        var level = interval.Level.ToString("0%", CultureInfo.InvariantCulture);
        var width = $"±{interval.RelativeHalfWidth.ToString("0%", CultureInfo.InvariantCulture)} of the forecast from {interval.ResidualCount} residuals"
            + (interval.IsUnderdetermined ? " (too few residuals for this level: a lower bound)" : "");
        var coverage = interval.MeasuredCoverage is { } c
            ? $"measured coverage {c.ToString("0%", CultureInfo.InvariantCulture)} over {interval.CoveragePoints} points"
            : "coverage not measurable (too few earlier residuals)";
        return $"{level} {width}, {coverage}";
    }
}
