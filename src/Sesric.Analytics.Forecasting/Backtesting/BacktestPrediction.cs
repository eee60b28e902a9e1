using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>One backtest forecast: an edition forecast by one candidate from the editions before it.</summary>
/// <param name="Target">Participants or member states.</param>
/// <param name="Candidate">The candidate's name.</param>
/// <param name="Edition">The edition forecast.</param>
/// <param name="Year">Its year (the backtest origin).</param>
/// <param name="Actual">What it had.</param>
/// <param name="Predicted">What the candidate forecast (never below zero).</param>
/// <param name="IsFallback">True when an ML.NET candidate had too few earlier rows to train and the naive value stood in.</param>
public sealed record BacktestPrediction(ForecastTarget Target, string Candidate, EditionId Edition, int Year, double Actual, double Predicted, bool IsFallback)
{
    /// <summary>Actual minus predicted.</summary>
    public double Error => Actual - Predicted;
}
