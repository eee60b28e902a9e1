using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Forecasting.Tests.Fixtures;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Tests.Scenarios;

/// <summary>Scenarios change the forecast the way the generating process says, and bad ones name their field.</summary>
[Collection(SyntheticCollection.Name)]
public sealed class ScenarioTests(SyntheticForecasterFixture fixture)
{
    private static readonly ProgrammeId Programme = ProgrammeId.Parse("synthetic-07");

    [Fact]
    public void ParseReadsEveryFieldAndPrintsItBack()
    {
        var scenario = Scenario.Parse("modality=in-person, duration=5,partners=2,eligible_states=56,year=2027");
        Assert.Equal(new Scenario { Modality = Modality.InPerson, DurationDays = 5, Partners = 2, EligibleStates = 56, Year = 2027 }, scenario);
        Assert.Equal("modality=in_person,duration=5,partners=2,eligible_states=56,year=2027", scenario.ToString());
        Assert.Equal(Scenario.AsAssumed, Scenario.Parse(" "));
    }

    [Theory]
    [InlineData("duration=-2", "duration")]
    [InlineData("duration=0", "duration")]
    [InlineData("modality=teleport", "modality")]
    [InlineData("modality=unknown", "modality")]
    [InlineData("partners=-1", "partners")]
    [InlineData("eligible_states=0", "eligible_states")]
    [InlineData("duration=five", "duration")]
    [InlineData("colour=green", "colour")]
    [InlineData("duration=3,duration=4", "duration")]
    public void BadScenariosNameTheirField(string text, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Scenario.Parse(text));
        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeDurationIsRefusedWhenBuiltInCodeToo()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario { DurationDays = -3 });
        Assert.Equal("duration", error.ParamName);
        Assert.Equal("modality", Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario { Modality = (Modality)42 }).ParamName);
    }

    [Fact]
    public void AnUnknownProgrammeIsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.Forecaster.Forecast(ProgrammeId.Parse("astronomy-cab")));
        Assert.Equal("programme", error.ParamName);
        Assert.Contains("astronomy-cab", error.Message, StringComparison.Ordinal);
        Assert.Contains("synthetic-01", error.Message, StringComparison.Ordinal);
        Assert.Equal("programme", Assert.Throws<ArgumentException>(() => fixture.Forecaster.Forecast("Not A Slug")).ParamName);
    }

    [Fact]
    public void AYearNotAfterTheLastEditionIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Forecaster.Forecast(Programme, new Scenario { Year = 2012 }));
        Assert.Equal("year", error.ParamName);
    }

    [Fact]
    public void VirtualEditionsAreForecastLargerThanInPersonOnesAsTheGeneratingProcessSays()
    {
        // The synthetic process gives virtual editions 35% more participants than in-person ones.
        var forecasts = fixture.Forecaster.Forecast(Programme,
            [new Scenario { Modality = Modality.InPerson }, new Scenario { Modality = Modality.Virtual }]);
        var inPerson = forecasts[0].Participants!.Point;
        var online = forecasts[1].Participants!.Point;
        Assert.InRange(online / inPerson, 1.1, 1.6);
        Assert.Equal(Modality.Virtual, forecasts[1].Edition.Modality);
    }

    [Fact]
    public void AssumptionsAreSpelledOutForFieldsTheScenarioLeavesOpen()
    {
        var forecast = fixture.Forecaster.Forecast(Programme, new Scenario { DurationDays = 5 });
        var last = fixture.Dataset.EditionsOf(Programme)[^1];
        Assert.Equal(last.Number + 1, forecast.Edition.Edition.Number);
        Assert.Equal(2026, forecast.Edition.Year);
        Assert.Equal(5, forecast.Edition.DurationDays);
        Assert.Equal(last.Modality, forecast.Edition.Modality);
        Assert.Contains(forecast.Edition.Notes, n => n.StartsWith("modality:", StringComparison.Ordinal));
        Assert.DoesNotContain(forecast.Edition.Notes, n => n.StartsWith("duration:", StringComparison.Ordinal));
    }

    [Fact]
    public void ForecastsCarryIntervalsAroundThePointAndNeverGoBelowZero()
    {
        foreach (var programme in fixture.Forecaster.Programmes)
        {
            var forecast = fixture.Forecaster.Forecast(programme, new Scenario { EligibleStates = 30 });
            foreach (var figure in new[] { forecast.Participants!, forecast.MemberStates! })
            {
                Assert.True(figure.Point >= 0);
                Assert.True(figure.Interval95.Lower <= figure.Interval80.Lower && figure.Interval80.Lower <= figure.Point);
                Assert.True(figure.Point <= figure.Interval80.Upper && figure.Interval80.Upper <= figure.Interval95.Upper);
                Assert.True(figure.Interval95.Lower >= 0);
                Assert.NotNull(figure.Interval80.MeasuredCoverage);
            }
            Assert.True(forecast.MemberStates!.Interval95.Upper <= 30);
        }
    }

    [Fact]
    public void TheChartSeriesHoldsHistoryWithoutGapsAndTheForecastBand()
    {
        var chart = fixture.Forecaster.Chart(Programme, ForecastTarget.Participants);
        var observed = fixture.Dataset.EditionsOf(Programme).Where(e => e.Participants is not null).ToArray();
        Assert.Equal(observed.Select(e => e.Year), chart.HistoryYears);
        Assert.Equal(observed.Select(e => (double)e.Participants!.Value), chart.HistoryValues);
        Assert.True(chart.Lower95 <= chart.Lower80 && chart.Lower80 <= chart.Point && chart.Point <= chart.Upper80 && chart.Upper80 <= chart.Upper95);
        Assert.Equal("participants", chart.Target);
        Assert.Equal(fixture.Forecaster.Backtest!.Participants.Choice.Candidate, chart.Model);
    }

    [Fact]
    public void A_scenario_on_a_model_with_covariates_shows_its_effect_with_both_intervals()
    {
        var forecast = fixture.Forecaster.Forecast(Programme, Scenario.Parse("modality=virtual,duration=2"));
        var assumed = fixture.Forecaster.Forecast(Programme);
        var figure = forecast.Participants!;
        Assert.DoesNotContain(CandidateCatalogNames.Baselines, n => n == figure.Choice.Candidate);
        var note = Assert.Single(forecast.Notes, n => n.StartsWith("participants: the chosen model", StringComparison.Ordinal));
        Assert.Contains($"({figure.Choice.Candidate}) uses the scenario's modality or duration", note, StringComparison.Ordinal);
        Assert.Contains($"against {assumed.Participants!.Point:0.#}", note, StringComparison.Ordinal);
        Assert.NotEqual(assumed.Participants.Point, figure.Point);
    }

    [Fact]
    public void A_scenario_on_a_model_without_covariates_answers_the_same_number_and_says_why()
    {
        var forecaster = Forecaster.Train(PublishedEditions.Dataset(), clock: FixedClock.At2026);
        var diplomacy = PublishedEditions.Diplomacy;
        var assumed = forecaster.Forecast(diplomacy);
        var scenario = forecaster.Forecast(diplomacy, Scenario.Parse("modality=in_person,duration=5"));
        Assert.Equal("ses", scenario.Participants!.Choice.Candidate);
        Assert.Equal(assumed.Participants!.Point, scenario.Participants.Point);
        Assert.Contains(scenario.Notes, n => n.StartsWith(
            "participants: the chosen model (simple exponential smoothing) does not use modality or duration; this scenario answers the same number", StringComparison.Ordinal));
        Assert.DoesNotContain(assumed.Notes, n => n.Contains("does not use", StringComparison.Ordinal));
    }
}

file static class CandidateCatalogNames
{
    public static readonly string[] Baselines = ["naive", "mean", "drift", "ses"];
}
