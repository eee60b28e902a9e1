using System.Globalization;

using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting;

/// <summary>
/// The next-edition forecast as a report for one year would have made it: trained only on editions held up to that
/// year, for the programme's first edition after it, at that edition's year.
/// </summary>
/// <remarks>
/// The forecast year is the year of the programme's next edition when the data holds one (the edition happened, so its
/// year is known even though its figures are not used), otherwise the report year plus the programme's usual gap
/// between editions (the most common gap up to the report year; one year when there is a single edition).
/// Kept simple on purpose: full as-of forecasting (vintages of the registry, as-of catalogues) is a later piece of work.
/// </remarks>
public static class AsOfForecast
{
    /// <summary>
    /// The forecast of <paramref name="target"/> for <paramref name="programme"/>'s first edition after <paramref name="year"/>,
    /// trained on <paramref name="dataset"/>'s editions up to <paramref name="year"/>; null when there is too little history
    /// up to that year (fewer than two editions with a known figure anywhere, or none of this programme).
    /// </summary>
    public static NextEditionForecast? NextEditionAfter(
        ForecastDataset dataset, ProgrammeId programme, int year, ForecastTarget target, ForecastOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var history = dataset.UpTo(year);
        var held = history.EditionsOf(programme);
        if (held.Count == 0)
        {
            return null;
        }
        var (nextYear, basis) = NextYear(dataset.EditionsOf(programme), held, year);
        return ForecastFor(history, programme, nextYear, basis, year, target, options, clock);
    }

    /// <summary>
    /// The forecast of <paramref name="target"/> for <paramref name="programme"/>'s next edition as known on
    /// <paramref name="asOf"/>: trained only on editions that were over before that day (see <see cref="ForecastDataset.AsOf"/>),
    /// for the programme's first edition after the last one held by then; null when there is too little history.
    /// </summary>
    /// <remarks>Adding data after <paramref name="asOf"/> (later editions, their figures) never changes the answer.</remarks>
    public static NextEditionForecast? NextEditionAsOf(
        ForecastDataset dataset, ProgrammeId programme, DateOnly asOf, ForecastTarget target, ForecastOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var history = dataset.AsOf(asOf);
        var held = history.EditionsOf(programme);
        if (held.Count == 0)
        {
            return null;
        }
        var lastNumber = held.Max(e => e.Number);
        var (nextYear, basis) = dataset.EditionsOf(programme).Where(e => e.Number > lastNumber).OrderBy(e => e.Number).FirstOrDefault() is { } next
            ? (next.Year, string.Create(CultureInfo.InvariantCulture, $"the programme's next edition in the data (edition {next.Number}, {next.Year})"))
            : NextYear(held, held, held.Max(e => e.Year));
        return ForecastFor(history, programme, nextYear, basis, asOf.Year, target, options, clock);
    }

    private static NextEditionForecast? ForecastFor(
        ForecastDataset history, ProgrammeId programme, int nextYear, string basis, int asOfYear, ForecastTarget target, ForecastOptions? options, TimeProvider? clock)
    {
        TrainedForecaster forecaster;
        try
        {
            forecaster = Forecaster.Train(history, options, clock);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        if (!forecaster.Dataset.Contains(programme))
        {
            return null;
        }
        try
        {
            var series = forecaster.Chart(programme, target, new Scenario { Year = nextYear });
            var card = forecaster.CardFor(target);
            var f = series.NextEdition;
            return new NextEditionForecast(f.Programme, f.Target, f.Year, f.Point, f.Lower80, f.Upper80, f.Lower95, f.Upper95, f.Method)
            {
                IntervalResiduals = card.Interval80.ResidualCount,
                Interval80TooFewPoints = card.Interval80.IsUnderdetermined,
                Interval95TooFewPoints = card.Interval95.IsUnderdetermined,
                YearBasis = basis,
                AsOfYear = asOfYear,
            };
        }
        catch (ArgumentException)
        {
            // No known figure of this target up to the year.
            return null;
        }
    }

    /// <summary>The year of the first edition after <paramref name="year"/> (from <paramref name="all"/> when it holds one, else the cadence of <paramref name="held"/>), and how it was found.</summary>
    public static (int Year, string Basis) NextYear(IReadOnlyList<EditionObservation> all, IReadOnlyList<EditionObservation> held, int year)
    {
        if (all.Where(e => e.Year > year).OrderBy(e => e.Year).FirstOrDefault() is { } next)
        {
            return (next.Year, string.Create(CultureInfo.InvariantCulture, $"the programme's next edition in the data (edition {next.Number}, {next.Year})"));
        }
        var years = held.Select(e => e.Year).Distinct().Order().ToArray();
        var gaps = years.Zip(years.Skip(1), (a, b) => b - a).ToArray();
        var cadence = gaps.Length == 0 ? 1 : gaps.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        return (year + cadence, string.Create(CultureInfo.InvariantCulture, $"{year} plus the programme's usual gap of {cadence} year(s) between editions"));
    }
}
