using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Intervals;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>The rolling-origin backtest of every candidate for one target.</summary>
/// <param name="Target">Participants or member states.</param>
/// <param name="Origins">How many origins (distinct years forecast) there were; ML.NET candidates were retrained at each.</param>
/// <param name="Candidates">Pooled scores, one per candidate, in catalogue order.</param>
/// <param name="ByProgramme">Scores per programme and candidate, ordered by programme then catalogue order.</param>
/// <param name="Choice">The chosen candidate and why.</param>
/// <param name="Interval80">The 80% interval's width and measured coverage, from the chosen candidate's residuals.</param>
/// <param name="Interval95">The 95% interval's width and measured coverage.</param>
/// <param name="Predictions">Every backtest forecast, ordered by year, programme, edition, then catalogue order.</param>
public sealed record TargetBacktest(
    ForecastTarget Target,
    int Origins,
    IReadOnlyList<CandidateScore> Candidates,
    IReadOnlyList<CandidateScore> ByProgramme,
    ModelChoice Choice,
    IntervalCalibration Interval80,
    IntervalCalibration Interval95,
    IReadOnlyList<BacktestPrediction> Predictions)
{
    /// <summary>The chosen candidate's pooled score.</summary>
    public CandidateScore ChosenScore => Candidates.First(c => c.Candidate == Choice.Candidate);
}
