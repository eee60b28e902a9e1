using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>
/// Owns the service's one open store: opens and seeds it in the background at start (health reports
/// NOT_SERVING until then, and RPCs answer UNAVAILABLE), caches the small catalogue, and disposes the
/// store at shutdown. When the store fails under the service (full disk, a fatal engine error that
/// invalidates it, a damaged block), it stops serving, says why, and reopens the store until it opens
/// cleanly again; a store that cannot be opened at start stops the process (see <see cref="StartupFailure"/>).
/// </summary>
/// <remarks>Everything the service writes goes through <see cref="Store"/>, a <see cref="VersionedStore"/> over the opened
/// store, so every write moves <see cref="Version"/> on and no cache can outlive it; reopening the store moves it on too.</remarks>
/// <threadsafety>Safe to call from any thread.</threadsafety>
public sealed class StoreHost(IStoreOpener opener, DataVersion version, IOptions<SesricOptions> options, IHostApplicationLifetime lifetime, ILogger<StoreHost> logger)
    : BackgroundService, ICurrentStore
{
    private readonly TaskCompletionSource<IAnalyticsStore> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private volatile CatalogueEntry? _catalogue;
    private volatile IAnalyticsStore? _store;
    private volatile VersionedStore? _versioned;
    private volatile StoreFaultException? _fault;
    private CancellationToken _stopping;

    /// <summary>The resolved store path or address (set once opening starts); may hold a password, so log <see cref="DisplayPath"/>.</summary>
    public string? Path { get; private set; }

    /// <summary><see cref="Path"/> fit to print: a PostgreSQL address's password replaced by <c>***</c>.</summary>
    public string? DisplayPath => Path is null ? null : StoreLocation.Redact(Path);

    /// <summary>Whether the store is open and answering (false while it opens, after a fault until it is reopened, and after a failed start).</summary>
    public bool IsReady => _store is not null && _fault is null;

    /// <summary>The fault that stopped the store, while it is being reopened; null when serving or opening.</summary>
    public StoreFaultException? Fault => _fault;

    /// <summary>Why the store could not be opened at start (the process then stops and exits non-zero); null otherwise.</summary>
    public Exception? StartupFailure { get; private set; }

    /// <summary>Completes with <see cref="Store"/> when the store is first ready; faults when it could not be opened at start.</summary>
    public Task<IAnalyticsStore> WhenReady => _ready.Task;

    /// <summary>
    /// The open store, seen through <see cref="Version"/> (its writes move it on); UNAVAILABLE while it is opening,
    /// RESOURCE_EXHAUSTED or UNAVAILABLE while it is faulted.
    /// </summary>
    public IAnalyticsStore Store
    {
        get
        {
            if (_fault is { } fault)
            {
                throw ExceptionMapper.ForStoreFault(fault, stillFaulted: true);
            }
            return _versioned ?? throw (StartupFailure is null
                ? RpcErrors.Unavailable("the store is still opening; retry in a moment.")
                : RpcErrors.Unavailable("the store could not be opened; the server is stopping."));
        }
    }

    /// <summary>The data version the store's writes, other replicas' writes and reopening move on.</summary>
    public DataVersion Version => version;

    /// <summary>Whether the database answers, for the stores that can be unreachable (a server); null when the store cannot say.</summary>
    public async Task<bool?> IsReachableAsync(CancellationToken cancellationToken) =>
        _store is IStoreLiveness live ? await live.IsReachableAsync(cancellationToken) : null;

    /// <summary>A one-line description of the store's state, for the health check.</summary>
    public string State =>
        _fault is { } fault ? $"store faulted ({fault.Kind}); reopening"
        : _store is not null ? "store open"
        : StartupFailure is not null ? "store could not be opened"
        : "store opening";

    /// <summary>The catalogue, loaded once and kept until the data version moves on.</summary>
    public async Task<Catalogue> GetCatalogueAsync(CancellationToken cancellationToken)
    {
        var current = version.Current;
        if (_catalogue is { } entry && entry.Version == current)
        {
            return entry.Catalogue;
        }
        var catalogue = await Store.LoadCatalogueAsync(cancellationToken);
        _catalogue = new CatalogueEntry(current, catalogue);
        return catalogue;
    }

    /// <summary>
    /// Records that the store failed under a call: the service stops serving (health NOT_SERVING, calls
    /// answer UNAVAILABLE or RESOURCE_EXHAUSTED) and reopens the store in the background until it opens cleanly.
    /// </summary>
    /// <remarks>The first report starts the reopening; later reports of the same episode are ignored.</remarks>
    public void ReportFault(StoreFaultException fault)
    {
        IAnalyticsStore? broken;
        lock (_gate)
        {
            if (_fault is not null || _store is null)
            {
                return;
            }
            _fault = fault;
            broken = _store;
        }
        logger.LogError(
            "The store at {StorePath} failed ({Kind}: {Detail}); not serving until it is reopened",
            DisplayPath, fault.Kind, fault.Detail);
        _ = Task.Run(() => ReopenAsync(broken, fault.Kind, _stopping));
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            Path = opener.ResolvePath(options.Value.DatabasePath);
            logger.LogInformation("Opening the store at {StorePath}", DisplayPath);
            var store = await opener.OpenAsync(Path, stoppingToken);
            var versioned = new VersionedStore(store, version);
            _store = store;
            _versioned = versioned;
            if (options.Value.SeedBuiltInData)
            {
                await opener.SeedAsync(versioned, stoppingToken);
            }
            var participations = await store.CountParticipationsAsync(stoppingToken);
            logger.LogInformation("Store ready: {Engine} schema v{SchemaVersion}, {Participations} participations", store.Description.Engine, store.Description.SchemaVersion, participations);
            _ready.TrySetResult(versioned);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A store that cannot be opened is fatal: say so in one line, stop the host, and let Program exit non-zero.
            logger.LogCritical("The store at {StorePath} could not be opened: {Reason}", DisplayPath, e.Message);
            StartupFailure = e;
            if (_store is { } opened)
            {
                _store = null;
                _versioned = null;
                await opened.DisposeAsync();
            }
            _ready.TrySetException(e);
            // Stopping while Kestrel still binds would cancel its start with a stack trace; stop once started
            // (at once when it already has). No banner is printed: it waits for the store (ServiceSetup).
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }
    }

    /// <summary>The longest wait between two reopening attempts while a database server is unreachable.</summary>
    /// <remarks>A server that is down refuses a connection at once, so trying often costs nothing; backing off to
    /// 30 s as for a full disk kept a replica not serving up to half a minute after the server was back.</remarks>
    internal const int UnreachableRetryCeilingMilliseconds = 2_000;

    private async Task ReopenAsync(IAnalyticsStore broken, StoreFaultKind kind, CancellationToken stoppingToken)
    {
        try
        {
            await broken.DisposeAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Closing the failed store raised {Reason}", e.Message);
        }
        // Wait before each attempt: calls still running on the failed instance finish meanwhile, and DuckDB only
        // drops an invalidated instance once its last connection closes.
        var delay = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.StoreReopenDelayMilliseconds));
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            attempt++;
            try
            {
                var store = await opener.OpenAsync(Path!, stoppingToken);
                lock (_gate)
                {
                    _store = store;
                    _versioned = new VersionedStore(store, version);
                    _fault = null;
                }
                version.Advance();
                logger.LogWarning("The store at {StorePath} was reopened after {Attempts} attempt(s); serving again", DisplayPath, attempt);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (e is StoreFaultException fault)
                {
                    _fault = fault;
                    kind = fault.Kind;
                }
                // A full disk can last hours: back off to 30 s. An unreachable server comes back by itself: keep trying often.
                var ceiling = kind == StoreFaultKind.Unreachable ? UnreachableRetryCeilingMilliseconds : 30_000;
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, Math.Max(ceiling, options.Value.StoreReopenDelayMilliseconds)));
                // One line per attempt, and fewer as the delay grows: a full disk can last hours.
                logger.LogWarning("Reopening the store at {StorePath} failed (attempt {Attempt}): {Reason}; next try in {DelayMs} ms", DisplayPath, attempt, e.Message, delay.TotalMilliseconds);
            }
        }
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        IAnalyticsStore? store;
        lock (_gate)
        {
            store = _store;
            _store = null;
            _versioned = null;
        }
        if (store is not null && _fault is null)
        {
            await store.DisposeAsync();
        }
    }

    private sealed record CatalogueEntry(long Version, Catalogue Catalogue);
}
