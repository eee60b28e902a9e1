using Sesric.Analytics.Dataset;
using Sesric.Analytics.Forecasting.Nominations;

namespace Sesric.Analytics.Forecasting.Tests.Nominations;

/// <summary>A generated registry whose show-up process is known (<see cref="ShowUpProcess"/>), built once per test run.</summary>
public static class GeneratedNominations
{
    private static readonly Lazy<(GeneratedDataset Data, NominationHistory History)> Shared = new(() =>
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(30_000, 17, Programmes: 8, EditionsPerProgramme: 10));
        return (data, NominationHistory.From(data.Catalogue, data.Participations));
    });

    /// <summary>30,000 nominations: 8 programmes × 10 editions of 375 nominees, 1995–2013.</summary>
    public static GeneratedDataset Data => Shared.Value.Data;

    /// <summary>Its nomination history.</summary>
    public static NominationHistory History => Shared.Value.History;

    private static readonly Lazy<NominationBacktestReport> Report = new(() => NominationBacktest.Run(History));

    /// <summary>The backtest with the default options (run once).</summary>
    public static NominationBacktestReport Backtest => Report.Value;
}
