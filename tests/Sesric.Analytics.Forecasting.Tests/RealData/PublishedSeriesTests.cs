using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Forecasting.Tests.Fixtures;
using Sesric.Analytics.Model;

using Xunit.Abstractions;

namespace Sesric.Analytics.Forecasting.Tests.RealData;

/// <summary>
/// The real published series: a handful of yearly points. The forecaster must use them exactly as published, leave
/// unknown editions as gaps, and be honest about what so few points can say. The backtest table printed here is the
/// one in the README.
/// </summary>
public sealed class PublishedSeriesTests(ITestOutputHelper output)
{
    [Fact]
    public void TheSeriesAreThePublishedFiguresWithGapsKept()
    {
        var dataset = PublishedEditions.Dataset();
        var diplomacy = dataset.EditionsOf(PublishedEditions.Diplomacy);
        Assert.Equal([35, null, null, 81, 112, 97], diplomacy.Select(e => e.Participants));
        Assert.Equal([34, null, null, 29, 33, 30], diplomacy.Select(e => e.MemberStates));
        var seed = diplomacy.Single(e => e.Year == 2020);
        Assert.Equal((81, 29, Modality.Virtual, 4), (seed.Participants!.Value, seed.MemberStates!.Value, seed.Modality, seed.DurationDays!.Value));
        Assert.Equal([null, null, 37, 96, 64, null, 86], dataset.EditionsOf(PublishedEditions.StatCom).Select(e => e.Participants));
    }

    [Fact]
    public void TheBacktestIsHonestAboutSoFewPoints()
    {
        var forecaster = Forecaster.Train(PublishedEditions.Dataset(), ForecastOptions.Default, FixedClock.At2026);
        var report = forecaster.Backtest!;
        output.WriteLine(report.ToMarkdown(byProgramme: true));
        foreach (var target in new[] { report.Participants, report.MemberStates })
        {
            // Too few rows to train an ML.NET model at any origin: every ML forecast is the naive stand-in, said so.
            Assert.All(target.Predictions.Where(p => CandidateCatalog.All.Single(c => c.Name == p.Candidate).Kind == CandidateKind.MachineLearning),
                p => Assert.True(p.IsFallback));

            // Whatever is chosen beats naive, or naive is kept.
            Assert.True(target.Choice.Candidate == CandidateCatalog.Naive || target.ChosenScore.Mase < 1);

            // So few residuals cannot support a 95% interval: it is flagged, and coverage is not claimed.
            Assert.True(target.Interval95.IsUnderdetermined);
            Assert.Null(target.Interval80.MeasuredCoverage);
        }
        var diplomacy = forecaster.Forecast(PublishedEditions.Diplomacy);
        Assert.Equal(7, diplomacy.Edition.Edition.Number);
        Assert.True(diplomacy.Participants!.Point >= 0);
        Assert.Contains(diplomacy.Notes, n => n.Contains("too few", StringComparison.Ordinal));
    }

    [Fact]
    public void AForecastFromThePublishedSeriesComesWithItsAssumptions()
    {
        var forecaster = Forecaster.Train(PublishedEditions.Dataset(), ForecastOptions.Default, FixedClock.At2026);
        var forecast = forecaster.Forecast(PublishedEditions.Diplomacy, Scenario.Parse("modality=in_person,duration=5"));
        Assert.Equal((2026, Modality.InPerson, 5), (forecast.Edition.Year, forecast.Edition.Modality, forecast.Edition.DurationDays!.Value));

        // Membership in 2026 per the member-state list: 57 states, Syria restored in March 2025.
        Assert.Equal(57, forecast.Edition.EligibleStates);
        Assert.True(forecast.MemberStates!.Interval95.Upper <= 57);
    }
}
