using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Tests.Fixtures;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Tests.AsOf;

/// <summary>A report for year Y forecasts as of Y: trained on editions up to Y, for the next edition, at its year.</summary>
public sealed class AsOfForecastTests
{
    private static readonly ProgrammeId Diplomacy = PublishedEditions.Diplomacy;

    [Fact]
    public void The_2020_forecast_is_for_the_next_edition_in_the_data_and_knows_nothing_after_2020()
    {
        var dataset = PublishedEditions.Dataset();
        var next = dataset.EditionsOf(Diplomacy).First(e => e.Year > 2020);
        var forecast = AsOfForecast.NextEditionAfter(dataset, Diplomacy, 2020, ForecastTarget.Participants, clock: FixedClock.At2026);
        Assert.NotNull(forecast);
        Assert.Equal(next.Year, forecast.Year);
        Assert.Equal(2020, forecast.AsOfYear);
        Assert.Contains("next edition in the data", forecast.YearBasis);

        // Changing every figure after 2020 (anywhere) leaves the 2020 forecast as it was: it was never trained on them.
        var changed = new ForecastDataset(dataset.Observations.Select(o => o.Year > 2020 && o.Participants is { } p ? o with { Participants = p * 3 } : o));
        var again = AsOfForecast.NextEditionAfter(changed, Diplomacy, 2020, ForecastTarget.Participants, clock: FixedClock.At2026);
        Assert.NotNull(again);
        Assert.Equal(forecast.Point, again.Point);
        Assert.Equal(forecast.Upper80, again.Upper80);

        // And the full-data forecast does see them, so the test would notice a forecast trained on everything.
        var full = AsOfForecast.NextEditionAfter(changed, Diplomacy, dataset.EditionsOf(Diplomacy)[^1].Year, ForecastTarget.Participants, clock: FixedClock.At2026);
        Assert.NotNull(full);
    }

    [Fact]
    public void Without_a_later_edition_the_year_follows_the_programmes_cadence()
    {
        var editions = PublishedEditions.Dataset().EditionsOf(Diplomacy);
        var last = editions[^1];
        var (year, basis) = AsOfForecast.NextYear(editions, editions, last.Year);
        Assert.Equal(last.Year + 1, year);
        Assert.Contains("usual gap of 1", basis);
        var biennial = editions.Select((e, i) => e with { Year = 2000 + (2 * i) }).ToList();
        Assert.Equal(biennial[^1].Year + 2, AsOfForecast.NextYear(biennial, biennial, biennial[^1].Year).Year);
    }

    [Fact]
    public void A_dataset_up_to_a_year_holds_no_later_edition()
    {
        var dataset = PublishedEditions.Dataset();
        var upTo = dataset.UpTo(2019);
        Assert.NotEmpty(upTo.Observations);
        Assert.All(upTo.Observations, o => Assert.True(o.Year <= 2019));
        Assert.Equal(dataset.Observations.Count(o => o.Year <= 2019), upTo.Observations.Count);
    }

    [Fact]
    public void A_forecast_as_of_a_day_uses_only_editions_over_before_it_and_later_data_does_not_move_it()
    {
        var dataset = PublishedEditions.Dataset();
        var edition4 = dataset.EditionsOf(Diplomacy).Single(e => e.Number == 4);
        Assert.Equal(new DateOnly(2020, 9, 17), edition4.End);

        // On its last day edition 4 is not over yet; the day after, it is.
        Assert.DoesNotContain(dataset.AsOf(new DateOnly(2020, 9, 17)).EditionsOf(Diplomacy), e => e.Number == 4);
        Assert.Contains(dataset.AsOf(new DateOnly(2020, 9, 18)).EditionsOf(Diplomacy), e => e.Number == 4);

        var asOf = new DateOnly(2021, 3, 1);
        var forecast = AsOfForecast.NextEditionAsOf(dataset, Diplomacy, asOf, ForecastTarget.Participants, clock: FixedClock.At2026);
        Assert.NotNull(forecast);
        Assert.Equal(2021, forecast.AsOfYear);
        Assert.Contains("edition 5", forecast.YearBasis);

        // Every figure of an edition over on or after the as-of day tripled, and one more edition added: same answer.
        var later = dataset.Observations
            .Select(o => o.EndOrYearEnd >= asOf && o.Participants is { } p ? o with { Participants = p * 3 } : o)
            .Append(dataset.EditionsOf(Diplomacy)[^1] with { Edition = EditionId.Of(Diplomacy, 99), Year = 2099, End = new DateOnly(2099, 1, 9), Participants = 5000 });
        var again = AsOfForecast.NextEditionAsOf(new ForecastDataset(later), Diplomacy, asOf, ForecastTarget.Participants, clock: FixedClock.At2026);
        Assert.NotNull(again);
        Assert.Equal(forecast.Point, again.Point);
        Assert.Equal((forecast.Lower80, forecast.Upper80, forecast.Lower95, forecast.Upper95), (again.Lower80, again.Upper80, again.Lower95, again.Upper95));
        Assert.Equal(forecast.Year, again.Year);

        // Seen from after those editions, the change does show: the test would notice a forecast that used later data.
        var seen = AsOfForecast.NextEditionAsOf(new ForecastDataset(later), Diplomacy, new DateOnly(2026, 1, 1), ForecastTarget.Participants, clock: FixedClock.At2026);
        Assert.NotEqual(forecast.Point, seen?.Point);
    }
}
