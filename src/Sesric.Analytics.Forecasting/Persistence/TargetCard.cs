using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Intervals;

namespace Sesric.Analytics.Forecasting.Persistence;

/// <summary>The model card's part for one target: the comparison, the choice and the intervals.</summary>
/// <param name="Target">Participants or member states.</param>
/// <param name="Origins">Backtest origins (years).</param>
/// <param name="Candidates">Every candidate's pooled backtest score.</param>
/// <param name="Choice">The chosen candidate and why.</param>
/// <param name="Interval80">The 80% interval's width and measured coverage.</param>
/// <param name="Interval95">The 95% interval's width and measured coverage.</param>
/// <param name="ModelFile">The ML.NET .zip beside the card, or null when the chosen candidate is a baseline (nothing to save).</param>
public sealed record TargetCard(
    ForecastTarget Target,
    int Origins,
    IReadOnlyList<CandidateScore> Candidates,
    ModelChoice Choice,
    IntervalCalibration Interval80,
    IntervalCalibration Interval95,
    string? ModelFile);
