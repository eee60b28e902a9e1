using Microsoft.Extensions.Options;

using Sesric.Analytics.Model;
using Sesric.Analytics.Service.Configuration;
using Sesric.Analytics.Service.Errors;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Service.Hosting;

/// <summary>
/// Owns the service's one open store: opens and seeds it in the background at start (health reports
/// NOT_SERVING until then, and RPCs answer UNAVAILABLE), caches the small catalogue, and disposes the
/// store at shutdown.
/// </summary>
/// <threadsafety>Safe to call from any thread.</threadsafety>
public sealed class StoreHost(IStoreOpener opener, IOptions<ServerOptions> options, ILogger<StoreHost> logger) : BackgroundService
{
    private readonly TaskCompletionSource<IAnalyticsStore> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Catalogue? _catalogue;
    private IAnalyticsStore? _store;
    private long _dataVersion;

    /// <summary>The resolved store path (set once opening starts).</summary>
    public string? Path { get; private set; }

    /// <summary>Whether the store is open and seeded.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the store is ready; faults when it could not be opened.</summary>
    public Task<IAnalyticsStore> WhenReady => _ready.Task;

    /// <summary>The open store, or UNAVAILABLE while it is opening.</summary>
    public IAnalyticsStore Store =>
        _ready.Task.IsCompletedSuccessfully
            ? _ready.Task.Result
            : throw RpcErrors.Unavailable("the store is still opening; retry in a moment.");

    /// <summary>The catalogue, loaded once and kept until a write changes it.</summary>
    public async Task<Catalogue> GetCatalogueAsync(CancellationToken cancellationToken)
    {
        var catalogue = _catalogue;
        if (catalogue is not null)
        {
            return catalogue;
        }
        catalogue = await Store.LoadCatalogueAsync(cancellationToken);
        _catalogue = catalogue;
        return catalogue;
    }

    /// <summary>Counts the writes made through this service; cached results carry the version they were computed at.</summary>
    /// <remarks>The embedded DuckDB file is opened by one process at a time, so every write goes through here.</remarks>
    public long DataVersion => Interlocked.Read(ref _dataVersion);

    /// <summary>Records a write: drops the cached catalogue and moves <see cref="DataVersion"/> on.</summary>
    public void NotifyWritten()
    {
        _catalogue = null;
        Interlocked.Increment(ref _dataVersion);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Path = opener.ResolvePath(options.Value.DatabasePath);
            logger.LogInformation("Opening the store at {StorePath}", Path);
            var store = await opener.OpenAsync(Path, stoppingToken);
            _store = store;
            if (options.Value.SeedBuiltInData)
            {
                await opener.SeedAsync(store, stoppingToken);
            }
            var participations = await store.CountParticipationsAsync(stoppingToken);
            logger.LogInformation("Store ready: {Engine} schema v{SchemaVersion}, {Participations} participations", store.Description.Engine, store.Description.SchemaVersion, participations);
            _ready.TrySetResult(store);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical(e, "The store at {StorePath} could not be opened: {Reason}", Path, e.Message);
            _ready.TrySetException(e);
            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_store is { } store)
        {
            _store = null;
            await store.DisposeAsync();
        }
    }
}
