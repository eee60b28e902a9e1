namespace Sesric.Analytics.Forecasting.Intervals;

/// <summary>
/// How wide a prediction interval is, and how often an interval built this way held in the backtest.
/// </summary>
/// <param name="Level">The nominal level: 0.8 or 0.95.</param>
/// <param name="RelativeHalfWidth">
/// q: the interval is point ± q · max(point, 1), cut at 0. q is the conformal quantile (the ⌈(n + 1)·level⌉-th
/// smallest) of the n pooled absolute relative residuals |actual − forecast| / max(forecast, 1) of the chosen
/// candidate's backtest over every programme, in the last <see cref="ForecastOptions.ResidualWindowYears"/> backtest
/// years (points where an ML.NET candidate fell back to naive are left out).
/// </param>
/// <param name="ResidualCount">n, the residuals q was taken from.</param>
/// <param name="IsUnderdetermined">True when n is too small for the level (⌈(n + 1)·level⌉ &gt; n): q is then the largest residual, and the interval is narrower than it should be.</param>
/// <param name="MeasuredCoverage">
/// The share of backtest points whose actual value fell inside an interval built the same way from the residuals of
/// the window of years just before the point (so the measurement is out of sample); null when no point had at least
/// <see cref="ForecastOptions.MinimumResidualsForCoverage"/> earlier residuals.
/// </param>
/// <param name="CoveragePoints">How many backtest points that share was measured on.</param>
public sealed record IntervalCalibration(
    double Level,
    double RelativeHalfWidth,
    int ResidualCount,
    bool IsUnderdetermined,
    double? MeasuredCoverage,
    int CoveragePoints);
