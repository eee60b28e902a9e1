namespace Sesric.Analytics.Reporting;

/// <summary>One forecast step: a point estimate with its interval, for a category after the last observed one.</summary>
/// <param name="Category">The category it forecasts, as the axis shows it (<c>"2023"</c>).</param>
/// <param name="Value">The point forecast.</param>
/// <param name="Lower">The interval's lower end.</param>
/// <param name="Upper">The interval's upper end.</param>
public sealed record ForecastPoint(string Category, double Value, double Lower, double Upper)
{
    /// <summary>Checks that the interval holds the point.</summary>
    public ForecastPoint Validated() => Lower <= Value && Value <= Upper && double.IsFinite(Lower) && double.IsFinite(Upper)
        ? this
        : throw new ArgumentException($"forecast for {Category}: the interval [{Lower}, {Upper}] must hold the value {Value}.");
}

/// <summary>
/// A forecast to draw as a band after a line or area visual: what the forecasting library hands over
/// (points and intervals), without this library depending on it.
/// </summary>
/// <param name="Points">The forecast steps, in order.</param>
/// <param name="Level">The interval's nominal coverage (0.8 for an 80 % interval).</param>
/// <param name="Method">How it was made, printed in the footnote ("ML.NET FastTree, backtest MASE 0.8").</param>
public sealed record ForecastBand(IReadOnlyList<ForecastPoint> Points, double Level, string Method);
