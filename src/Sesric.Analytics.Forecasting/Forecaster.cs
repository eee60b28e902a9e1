using System.Globalization;

using Microsoft.ML;

using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Features;
using Sesric.Analytics.Forecasting.Persistence;

namespace Sesric.Analytics.Forecasting;

/// <summary>
/// Trains the forecaster: backtests every candidate by rolling origin, chooses per target the best by MASE (never one
/// that does not beat naive), derives 80% and 95% intervals from the chosen candidate's backtest residuals, and fits
/// the chosen ML.NET model (if any) on every edition.
/// </summary>
/// <example>
/// <code>
/// var dataset = await ForecastDataset.FromStoreAsync(store, ct);
/// var forecaster = Forecaster.Train(dataset, ForecastOptions.Default, TimeProvider.System);
/// var forecast = forecaster.Forecast("diplomacy-cab", Scenario.Parse("modality=in_person,duration=5"));
/// forecaster.Save("models/forecast");
/// </code>
/// </example>
public static class Forecaster
{
    /// <summary>Trains on <paramref name="dataset"/>. Deterministic: equal data and options give identical forecasts and cards.</summary>
    /// <param name="dataset">The history.</param>
    /// <param name="options">Settings (null: <see cref="ForecastOptions.Default"/>).</param>
    /// <param name="clock">The clock that stamps the model card and dates the next edition (null: <see cref="TimeProvider.System"/>).</param>
    /// <exception cref="ArgumentException">An option names an unknown candidate.</exception>
    /// <exception cref="InvalidOperationException">No programme has two editions with a known figure.</exception>
    public static TrainedForecaster Train(ForecastDataset dataset, ForecastOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= ForecastOptions.Default;
        clock ??= TimeProvider.System;
        using var span = Telemetry.SesricTelemetry.Start("sesric.forecast.train");
        using var timing = new Telemetry.Timing(Telemetry.SesricTelemetry.TrainingDuration);
        var report = Backtester.Run(dataset, options);
        var models = new Dictionary<ForecastTarget, ITransformer?>();
        var targets = new List<TargetCard>();
        foreach (var backtest in new[] { report.Participants, report.MemberStates })
        {
            ITransformer? model = null;
            if (CandidateCatalog.Get(backtest.Choice.Candidate) is MlCandidate ml)
            {
                model = ml.Fit(CaseBuilder.BacktestCases(dataset, backtest.Target), options);
            }
            models[backtest.Target] = model;
            targets.Add(new TargetCard(backtest.Target, backtest.Origins, backtest.Candidates, backtest.Choice,
                backtest.Interval80, backtest.Interval95, model is null ? null : ForecastModelFiles.ModelFileName(backtest.Target)));
        }
        var card = new ModelCard(
            ModelCard.CurrentFormatVersion,
            VersionOf(dataset, options),
            clock.GetUtcNow(),
            dataset.Hash,
            FeatureSchema.Version,
            FeatureSchema.Columns,
            ModelCard.CurrentLibrary,
            options,
            targets);
        return new TrainedForecaster(dataset, card, models, report, clock);
    }

    internal static string VersionOf(ForecastDataset dataset, ForecastOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"{ModelCard.CurrentFormatVersion}.{FeatureSchema.Version}-{dataset.Hash[..12]}-s{options.Seed}");
}
