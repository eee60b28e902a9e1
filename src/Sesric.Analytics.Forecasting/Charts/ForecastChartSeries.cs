using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Charts;

/// <summary>
/// What a chart of one programme's history and forecast needs, in plain values: the reporting library draws it
/// (line for the history, a point and 80/95% bands for the forecast) without referencing ML.NET.
/// </summary>
/// <param name="Programme">The programme's id.</param>
/// <param name="Target">The figure: <c>participants</c> or <c>member_states</c>.</param>
/// <param name="HistoryYears">The years of editions with a known figure (gaps left out, never filled).</param>
/// <param name="HistoryValues">The figures, one per year in <paramref name="HistoryYears"/>.</param>
/// <param name="ForecastYear">The year forecast.</param>
/// <param name="Point">The forecast.</param>
/// <param name="Lower80">The 80% interval's lower end.</param>
/// <param name="Upper80">The 80% interval's upper end.</param>
/// <param name="Lower95">The 95% interval's lower end.</param>
/// <param name="Upper95">The 95% interval's upper end.</param>
/// <param name="Model">The model that made the forecast.</param>
/// <param name="Coverage80">The 80% interval's measured backtest coverage, or null.</param>
/// <param name="Coverage95">The 95% interval's measured backtest coverage, or null.</param>
public sealed record ForecastChartSeries(
    string Programme,
    string Target,
    IReadOnlyList<int> HistoryYears,
    IReadOnlyList<double> HistoryValues,
    int ForecastYear,
    double Point,
    double Lower80,
    double Upper80,
    double Lower95,
    double Upper95,
    string Model,
    double? Coverage80,
    double? Coverage95)
{
    /// <summary>The forecast with its 80 % and 95 % intervals, as the reporting library's band takes it.</summary>
    public NextEditionForecast NextEdition =>
        new(ProgrammeId.Parse(Programme), Target, ForecastYear, Point, Lower80, Upper80, Lower95, Upper95, Model);
}
