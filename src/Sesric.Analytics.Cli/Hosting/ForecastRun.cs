using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>Trains the forecaster on what the store holds (the forecast, backtest and report verbs share it).</summary>
internal static class ForecastRun
{
    /// <summary>Trains on the store's editions with the default options and the system clock.</summary>
    public static async Task<TrainedForecaster> TrainAsync(IStoreReader store, CancellationToken cancellationToken)
    {
        var dataset = await ForecastDataset.FromStoreAsync(store, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Forecaster.Train(dataset, ForecastOptions.Default, TimeProvider.System);
        }
        catch (InvalidOperationException e)
        {
            throw new UserErrorException($"nothing to forecast from: {e.Message} Import editions with attendance figures first (sesric import).");
        }
    }
}
