using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Api.Forecasts;

/// <summary>
/// The one trained forecaster the service answers from. Trained on first use from the store's data, kept
/// until a write through the service moves <see cref="StoreHost.DataVersion"/> on (then retrained on the next
/// call), and replaced at once by <see cref="RetrainAsync"/>.
/// </summary>
/// <threadsafety>Safe to call from any thread; concurrent callers share one training run.</threadsafety>
public sealed class ForecasterCache(StoreHost host, ILogger<ForecasterCache> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _current;

    /// <summary>The forecaster for the store's current data, training one when there is none or the data changed.</summary>
    public async Task<TrainedForecaster> GetAsync(CancellationToken cancellationToken)
    {
        var version = host.DataVersion;
        if (_current is { } current && current.DataVersion == version)
        {
            return current.Forecaster;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.DataVersion == host.DataVersion)
            {
                return again.Forecaster;
            }
            return await TrainAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Trains a new forecaster on the store's current data and makes it the one in use.</summary>
    public async Task<TrainedForecaster> RetrainAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await TrainAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TrainedForecaster> TrainAsync(CancellationToken cancellationToken)
    {
        var version = host.DataVersion;
        var dataset = await ForecastDataset.FromStoreAsync(host.Store, cancellationToken);
        // Training is CPU-bound (ML.NET); keep it off the request thread's synchronisation context.
        var forecaster = await Task.Run(() => Forecaster.Train(dataset), cancellationToken);
        logger.LogInformation("Forecaster trained: model {ModelVersion} on {Editions} editions", forecaster.Card.ModelVersion, dataset.Observations.Count);
        _current = new Entry(version, forecaster);
        return forecaster;
    }

    private sealed record Entry(long DataVersion, TrainedForecaster Forecaster);
}
