using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Persistence;
using Sesric.Analytics.Forecasting.Tests.Fixtures;

namespace Sesric.Analytics.Forecasting.Tests;

/// <summary>Two trainings with one seed give identical forecasts, cards and backtests.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void TwoTrainingsWithOneSeedGiveIdenticalForecasts()
    {
        // Every ML.NET learner trains at the last origins and in the final fit; requiring 40 earlier rows keeps the
        // number of fits (and the test's time) small.
        var dataset = SyntheticCatalogue.Dataset(programmes: 10, editions: 8);
        var options = ForecastOptions.Default with { MinimumTrainingRows = 40 };
        var first = Forecaster.Train(dataset, options, FixedClock.At2026);
        var second = Forecaster.Train(SyntheticCatalogue.Dataset(programmes: 10, editions: 8), options, FixedClock.At2026);

        Assert.Equal(ForecastModelFiles.ToJson(first.Card), ForecastModelFiles.ToJson(second.Card));
        Assert.Equal(first.Backtest!.Participants.Predictions, second.Backtest!.Participants.Predictions);
        Assert.Equal(first.Backtest!.MemberStates.Predictions, second.Backtest!.MemberStates.Predictions);
        foreach (var programme in dataset.Programmes)
        {
            var a = first.Forecast(programme);
            var b = second.Forecast(programme);
            Assert.Equal(a.Participants, b.Participants);
            Assert.Equal(a.MemberStates, b.MemberStates);
        }
        Assert.All(CandidateCatalog.All.Where(c => c.Kind == CandidateKind.MachineLearning), c =>
            Assert.Contains(first.Backtest.Participants.Predictions, p => !p.IsFallback && p.Candidate == c.Name));
    }
}
