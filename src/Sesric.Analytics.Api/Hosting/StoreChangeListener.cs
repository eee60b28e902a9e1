using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>
/// On a store shared by several replicas (<see cref="IStoreChangeFeed"/>), empties this replica's caches when another
/// replica writes: each announced write moves <see cref="StoreHost.Version"/> on, as a write through this service does.
/// </summary>
/// <remarks>PostgreSQL delivers the notification as the other replica's transaction commits; the measured delay from a
/// write on one replica to the new value on the other is in the README's replica section.</remarks>
public sealed class StoreChangeListener(StoreHost host, ILogger<StoreChangeListener> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IAnalyticsStore store;
        try
        {
            store = await host.WhenReady.WaitAsync(stoppingToken);
        }
        catch (Exception)
        {
            return; // Stopping, or the store could not be opened (StoreHost said why).
        }
        if ((store is VersionedStore versioned ? versioned.Inner : store) is not IStoreChangeFeed feed)
        {
            return;
        }
        logger.LogInformation("Listening for writes by other replicas of {Store}", store.Description.Location);
        await feed.WatchAsync(() => host.Version.Advance(), stoppingToken);
    }
}
