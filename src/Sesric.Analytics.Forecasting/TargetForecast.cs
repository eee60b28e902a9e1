using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Forecasting;

/// <summary>The forecast of one figure (participants or member states) for the next edition.</summary>
/// <param name="Target">Participants or member states.</param>
/// <param name="Point">The forecast (never below zero).</param>
/// <param name="Interval80">The 80% interval.</param>
/// <param name="Interval95">The 95% interval.</param>
/// <param name="Choice">The model that made it and why it was chosen.</param>
/// <param name="Backtest">That model's pooled backtest score.</param>
/// <param name="NaiveBacktest">Naive's pooled backtest score, for comparison.</param>
public sealed record TargetForecast(
    ForecastTarget Target,
    double Point,
    ForecastInterval Interval80,
    ForecastInterval Interval95,
    ModelChoice Choice,
    CandidateScore Backtest,
    CandidateScore NaiveBacktest);
