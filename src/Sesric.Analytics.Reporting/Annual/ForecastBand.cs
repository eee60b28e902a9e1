using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>One forecast step: a point estimate with its interval, for a category after the last observed one.</summary>
/// <param name="Category">The category it forecasts, as the axis shows it (<c>"2023"</c>).</param>
/// <param name="Value">The point forecast.</param>
/// <param name="Lower">The interval's lower end.</param>
/// <param name="Upper">The interval's upper end.</param>
/// <param name="OuterLower">The wider (outer) interval's lower end, such as the 95 % interval's, or null.</param>
/// <param name="OuterUpper">The wider (outer) interval's upper end, or null.</param>
public sealed record ForecastPoint(string Category, double Value, double Lower, double Upper, double? OuterLower = null, double? OuterUpper = null)
{
    /// <summary>Whether the point carries an outer interval.</summary>
    public bool HasOuter => OuterLower is not null && OuterUpper is not null;

    /// <summary>Checks that the interval holds the point and that an outer interval holds the inner one.</summary>
    public ForecastPoint Validated()
    {
        if (!(Lower <= Value && Value <= Upper && double.IsFinite(Lower) && double.IsFinite(Upper)))
        {
            throw new ArgumentException($"forecast for {Category}: the interval [{Lower}, {Upper}] must hold the value {Value}.");
        }
        if ((OuterLower is null) != (OuterUpper is null)
            || (HasOuter && !(OuterLower <= Lower && Upper <= OuterUpper && double.IsFinite(OuterLower!.Value) && double.IsFinite(OuterUpper!.Value))))
        {
            throw new ArgumentException($"forecast for {Category}: the outer interval [{OuterLower}, {OuterUpper}] must hold the interval [{Lower}, {Upper}].");
        }
        return this;
    }
}

/// <summary>
/// A forecast to draw as a band after a line or area visual: what the forecasting library hands over
/// (points and intervals), without this library depending on it.
/// </summary>
/// <param name="Points">The forecast steps, in order.</param>
/// <param name="Level">The interval's nominal coverage (0.8 for an 80 % interval).</param>
/// <param name="Method">How it was made, printed in the footnote ("ML.NET FastTree, backtest MASE 0.8").</param>
/// <param name="OuterLevel">The outer interval's nominal coverage (0.95), drawn as a lighter band around the inner one
/// when every point has an outer interval; null for a single band.</param>
/// <param name="TooFewPoints">When the interval was left out because it rests on too few past forecast errors: how many
/// it had (the chart then draws the point alone and says why); null when the band is drawn.</param>
/// <param name="AsOfYear">The last year of the editions the forecast was trained on, for the footnote; null when not said.</param>
public sealed record ForecastBand(IReadOnlyList<ForecastPoint> Points, double Level, string Method, double? OuterLevel = null, int? TooFewPoints = null, int? AsOfYear = null)
{
    /// <summary>Whether an interval is drawn around the points (not when it was left out for resting on too few points).</summary>
    public bool DrawsBand => TooFewPoints is null && Points.Any(p => p.Upper > p.Lower);

    /// <summary>Whether the outer band is drawn: a level is given and every point has an outer interval.</summary>
    public bool DrawsOuter => OuterLevel is not null && Points.Count > 0 && Points.All(p => p.HasOuter);

    /// <summary>
    /// The band of a next-edition forecast: one step at the forecast year, footnoted with the forecast's method; null for
    /// no forecast. The CLI and the gRPC service both draw forecasts through this, so their charts agree.
    /// </summary>
    /// <remarks>
    /// A band is drawn only where it carries information. An interval that rests on too few past errors for its level
    /// (its width is then just the largest error seen) is left out; the 95 % band is drawn only when it is known and
    /// differs from the 80 % one. When neither interval is known the point is drawn alone and the footnote says why.
    /// </remarks>
    public static ForecastBand? From(NextEditionForecast? forecast)
    {
        if (forecast is null)
        {
            return null;
        }
        var category = forecast.Year.ToString(CultureInfo.InvariantCulture);
        if (forecast.Interval80TooFewPoints)
        {
            return new([new ForecastPoint(category, forecast.Point, forecast.Point, forecast.Point)], 0.8, forecast.Method, TooFewPoints: forecast.IntervalResiduals ?? 0, AsOfYear: forecast.AsOfYear);
        }
        var outer = !forecast.Interval95TooFewPoints && (forecast.Lower95 < forecast.Lower80 || forecast.Upper95 > forecast.Upper80);
        return outer
            ? new([new ForecastPoint(category, forecast.Point, forecast.Lower80, forecast.Upper80, forecast.Lower95, forecast.Upper95)], 0.8, forecast.Method, OuterLevel: 0.95, AsOfYear: forecast.AsOfYear)
            : new([new ForecastPoint(category, forecast.Point, forecast.Lower80, forecast.Upper80)], 0.8, forecast.Method, AsOfYear: forecast.AsOfYear);
    }
}
