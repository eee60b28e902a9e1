using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Tests.Fixtures;

using Xunit.Abstractions;

namespace Sesric.Analytics.Forecasting.Tests.Backtesting;

/// <summary>On a catalogue with a known generating process, the backtest finds the structure and measures it honestly.</summary>
[Collection(SyntheticCollection.Name)]
public sealed class SyntheticBacktestTests(SyntheticForecasterFixture fixture, ITestOutputHelper output)
{
    private BacktestReport Report => fixture.Forecaster.Backtest!;

    [Fact]
    public void ChosenParticipantsModelBeatsNaiveWithMaseAtMostPointEight()
    {
        output.WriteLine(Report.ToMarkdown());
        var participants = Report.Participants;
        Assert.NotEqual(CandidateCatalog.Naive, participants.Choice.Candidate);
        Assert.Equal(CandidateKind.MachineLearning, participants.ChosenScore.Kind);
        Assert.InRange(participants.ChosenScore.Mase!.Value, 0, 0.8);
        Assert.Contains(participants.Choice.Candidate, participants.Choice.Reason, StringComparison.Ordinal);
        Assert.Contains("MASE", participants.Choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ForecastTarget.Participants)]
    [InlineData(ForecastTarget.MemberStates)]
    public void EightyPercentIntervalHoldsSeventyToNinetyPercentOfTheTimeOutOfSample(ForecastTarget target)
    {
        var backtest = Report.For(target);
        Assert.True(backtest.Interval80.CoveragePoints >= 200, $"coverage measured on {backtest.Interval80.CoveragePoints} points");
        Assert.InRange(backtest.Interval80.MeasuredCoverage!.Value, 0.70, 0.90);
        Assert.False(backtest.Interval80.IsUnderdetermined);
        Assert.True(backtest.Interval95.RelativeHalfWidth > backtest.Interval80.RelativeHalfWidth);
        Assert.True(backtest.Interval95.MeasuredCoverage > backtest.Interval80.MeasuredCoverage);
    }

    [Fact]
    public void NaiveScoresExactlyOneAndMaseFollowsItsDefinition()
    {
        var backtest = Report.Participants;
        Assert.Equal(1.0, backtest.Candidates.Single(c => c.Candidate == CandidateCatalog.Naive).Mase!.Value, 12);

        // MASE recomputed by hand: each error over its programme's naive MAE on the same points, averaged.
        var naive = backtest.Predictions.Where(p => p.Candidate == CandidateCatalog.Naive).ToArray();
        var scale = naive.GroupBy(p => p.Edition.Programme).ToDictionary(g => g.Key, g => g.Average(p => Math.Abs(p.Error)));
        var mean = backtest.Predictions.Where(p => p.Candidate == CandidateCatalog.Mean).ToArray();
        var expected = mean.Average(p => Math.Abs(p.Error) / scale[p.Edition.Programme]);
        Assert.Equal(expected, backtest.Candidates.Single(c => c.Candidate == CandidateCatalog.Mean).Mase!.Value, 12);
        Assert.Equal(mean.Average(p => Math.Abs(p.Error)), backtest.Candidates.Single(c => c.Candidate == CandidateCatalog.Mean).Mae, 12);
    }

    [Fact]
    public void EveryCandidateIsScoredOnTheSameEditions()
    {
        var backtest = Report.Participants;
        var naiveEditions = backtest.Predictions.Where(p => p.Candidate == CandidateCatalog.Naive).Select(p => p.Edition).ToHashSet();
        Assert.All(CandidateCatalog.All, candidate => Assert.True(
            naiveEditions.SetEquals(backtest.Predictions.Where(p => p.Candidate == candidate.Name).Select(p => p.Edition))));
        Assert.Equal(CandidateCatalog.All.Count, backtest.Candidates.Count);
    }

    [Fact]
    public void NaiveForecastsEachEditionFromThePreviousObservedEditionOnly()
    {
        var backtest = Report.Participants;
        foreach (var prediction in backtest.Predictions.Where(p => p.Candidate == CandidateCatalog.Naive))
        {
            var previous = fixture.Dataset.EditionsOf(prediction.Edition.Programme)
                .Where(e => e.Number < prediction.Edition.Number && e.Participants is not null)
                .Last();
            Assert.Equal(previous.Participants!.Value, prediction.Predicted);
        }
    }

    [Fact]
    public void GapsAreNeitherForecastNorFilledIn()
    {
        var gaps = fixture.Dataset.Observations.Where(o => o.Participants is null).Select(o => o.Edition).ToArray();
        Assert.NotEmpty(gaps);
        Assert.DoesNotContain(Report.Participants.Predictions, p => gaps.Contains(p.Edition));
    }

    [Fact]
    public void MlCandidatesFallBackToNaiveOnlyWhereTooFewEarlierRowsExist()
    {
        var backtest = Report.Participants;
        var naive = backtest.Predictions.Where(p => p.Candidate == CandidateCatalog.Naive).ToArray();
        int EarlierRows(int year) => naive.Count(p => p.Year < year);
        var ml = backtest.Predictions.Where(p => CandidateCatalog.All.Single(c => c.Name == p.Candidate).Kind == CandidateKind.MachineLearning).ToArray();
        Assert.Contains(ml, p => p.IsFallback);
        Assert.All(ml, p => Assert.Equal(EarlierRows(p.Year) < ForecastOptions.Default.MinimumTrainingRows, p.IsFallback));
        Assert.DoesNotContain(backtest.Predictions, p => p.IsFallback && CandidateCatalog.All.Single(c => c.Name == p.Candidate).Kind == CandidateKind.Baseline);
    }

    [Fact]
    public void ForecastsAreNeverNegativeAndStatesNeverExceedTheEligible()
    {
        Assert.All(Report.Participants.Predictions, p => Assert.True(p.Predicted >= 0));
        Assert.All(Report.MemberStates.Predictions, p => Assert.True(p.Predicted is >= 0 and <= 57));
    }

    [Fact]
    public void PerProgrammeTableCoversEveryProgrammeAndCandidate()
    {
        Assert.Equal(25 * CandidateCatalog.All.Count, Report.Participants.ByProgramme.Count);
        Assert.All(Report.Participants.ByProgramme.Where(s => s.Candidate == CandidateCatalog.Naive), s => Assert.Equal(1.0, s.Mase!.Value, 12));
    }
}
