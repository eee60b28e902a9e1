using Microsoft.Extensions.Logging;

using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Application.Forecasts;

/// <summary>
/// The one trained forecaster the service answers from. Trained on first use from the store's data, kept
/// until the data changes (<see cref="DataVersion"/> moves on) (then retrained on the next
/// call), and replaced at once by <see cref="RetrainAsync"/>.
/// </summary>
/// <threadsafety>Safe to call from any thread; concurrent callers share one training run.</threadsafety>
public sealed class ForecasterCache(ICurrentStore current, ILogger<ForecasterCache> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _current;

    /// <summary>The forecaster for the store's current data, training one when there is none or the data changed.</summary>
    public async Task<TrainedForecaster> GetAsync(CancellationToken cancellationToken)
    {
        var version = current.Version.Current;
        if (_current is { } entry && entry.DataVersion == version)
        {
            return entry.Forecaster;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.DataVersion == current.Version.Current)
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
        var version = current.Version.Current;
        var dataset = await ForecastDataset.FromStoreAsync(current.Store, cancellationToken);
        // Training is CPU-bound (ML.NET); keep it off the request thread's synchronisation context.
        var forecaster = await Task.Run(() => Forecaster.Train(dataset), cancellationToken);
        logger.LogInformation("Forecaster trained: model {ModelVersion} on {Editions} editions", forecaster.Card.ModelVersion, dataset.Observations.Count);
        _current = new Entry(version, forecaster);
        return forecaster;
    }

    private sealed record Entry(long DataVersion, TrainedForecaster Forecaster);
}
