using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Tests.Candidates;

/// <summary>The baselines, checked against values worked out by hand on a series with a gap.</summary>
public sealed class BaselineTests
{
    private static readonly ProgrammeId Programme = ProgrammeId.Parse("hand-made");

    // Editions 1..5: 10, 20, gap, 40, 30. Forecasting edition 5 from 10, 20, (gap), 40.
    private static ForecastDataset Series() => new(new[] { 10, 20, (int?)null, 40, 30 }.Select((value, i) =>
        new EditionObservation(EditionId.Of(Programme, i + 1), 2010 + i, Modality.InPerson, 3, 5, 0, 57, value, value is null ? null : 5,
            value is null ? AttendanceSource.None : AttendanceSource.Published, AttendanceSource.Published)));

    private static double Predicted(string candidate, int edition) =>
        Backtester.Run(Series(), new ForecastOptions { Candidates = [candidate] }).Participants.Predictions
            .Single(p => p.Candidate == candidate && p.Edition.Number == edition).Predicted;

    [Fact]
    public void NaiveIsTheLastObservedValueAcrossAGap() => Assert.Equal(20, Predicted(CandidateCatalog.Naive, 4));

    [Fact]
    public void MeanAveragesEveryObservedEdition() => Assert.Equal((10 + 20 + 40) / 3.0, Predicted(CandidateCatalog.Mean, 5), 12);

    [Fact]
    public void DriftCountsAGapAsEditionSteps()
    {
        // From 10 (ed. 1) and 20 (ed. 2): slope 10 per edition; ed. 4 is two steps on: 40.
        Assert.Equal(40, Predicted(CandidateCatalog.Drift, 4), 12);

        // From 10 (ed. 1) to 40 (ed. 4): slope 10 per edition; ed. 5: 50.
        Assert.Equal(50, Predicted(CandidateCatalog.Drift, 5), 12);
    }

    [Fact]
    public void ExponentialSmoothingUsesHalfWeightOnShortHistoriesAndFitsAlphaOnLongerOnes()
    {
        // Two points: α = 0.5, level 10 → 15.
        Assert.Equal(15, Predicted(CandidateCatalog.Ses, 4), 12);

        // Three points 10, 20, 40: the one-step squared error falls as α rises, so α = 0.9:
        // level 10 → 19 → 37.9.
        Assert.Equal(37.9, Predicted(CandidateCatalog.Ses, 5), 9);
    }

    [Fact]
    public void MlCandidatesWithTooFewRowsUseTheNaiveValueAndSayThey()
    {
        var points = Backtester.Run(Series(), new ForecastOptions { Candidates = [CandidateCatalog.LightGbm] }).Participants.Predictions
            .Where(p => p.Candidate == CandidateCatalog.LightGbm).ToArray();
        Assert.All(points, p => Assert.True(p.IsFallback));
        Assert.Equal([10.0, 20.0, 40.0], points.Select(p => p.Predicted));
    }

    [Fact]
    public void AnUnknownCandidateNameIsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => Backtester.Run(Series(), new ForecastOptions { Candidates = ["prophet"] }));
        Assert.Equal("Candidates", error.ParamName);
        Assert.Contains("prophet", error.Message, StringComparison.Ordinal);
        Assert.Contains("lightgbm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaiveIsKeptWhenNothingBeatsIt()
    {
        // A random walk: the last value is the best guess, and on this series every baseline is worse or equal.
        var report = Backtester.Run(Series(), new ForecastOptions { Candidates = [CandidateCatalog.Mean] });
        Assert.Equal(CandidateCatalog.Naive, report.Participants.Choice.Candidate);
        Assert.StartsWith("naive (the last value) kept", report.Participants.Choice.Reason, StringComparison.Ordinal);
    }
}
