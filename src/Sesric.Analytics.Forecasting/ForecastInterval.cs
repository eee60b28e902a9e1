namespace Sesric.Analytics.Forecasting;

/// <summary>A prediction interval around a forecast, with how often such intervals held in the backtest.</summary>
/// <param name="Level">The nominal level: 0.8 or 0.95.</param>
/// <param name="Lower">The lower end (never below zero).</param>
/// <param name="Upper">The upper end (for member states, never above the eligible states).</param>
/// <param name="MeasuredCoverage">The share of backtest points inside their interval (out of sample), or null when not measurable.</param>
/// <param name="CoveragePoints">How many backtest points the coverage was measured on.</param>
/// <param name="IsUnderdetermined">True when too few residuals exist for this level: the interval is then too narrow.</param>
public sealed record ForecastInterval(double Level, double Lower, double Upper, double? MeasuredCoverage, int CoveragePoints, bool IsUnderdetermined);
