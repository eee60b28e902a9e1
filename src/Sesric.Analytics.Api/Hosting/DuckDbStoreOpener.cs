using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>The embedded default: one DuckDB file, migrated on open, seeded with the built-in dataset when empty.</summary>
public sealed class DuckDbStoreOpener(ILogger<DuckDbStoreOpener> logger) : IStoreOpener
{
    /// <inheritdoc/>
    public string ResolvePath(string? configuredPath) => StoreLocation.Resolve(configuredPath);

    /// <inheritdoc/>
    public async Task<IAnalyticsStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!StoreLocation.IsInMemory(path) && Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        return await DuckDbAnalyticsStore.OpenAsync(path, new UpgradeLog(logger), cancellationToken);
    }

    // Logged before each migration runs (synchronously, unlike Progress<T>), so a slow start is explained as it happens.
    private sealed class UpgradeLog(ILogger logger) : IProgress<SchemaUpgrade>
    {
        public void Report(SchemaUpgrade value) =>
            logger.LogInformation(
                "Upgrading the store {Location} from schema version {From} to {To} ({Name}); large stores take a while",
                value.Location, value.FromVersion, value.ToVersion, value.Name);
    }

    /// <inheritdoc/>
    public async Task SeedAsync(IAnalyticsStore store, CancellationToken cancellationToken)
    {
        // The service hands over its versioned wrapper (StoreHost): the seed state is kept by the file inside it.
        var duck = ((store as VersionedStore)?.Inner ?? store) as DuckDbAnalyticsStore;
        if (duck is not null && await duck.GetSeedStateAsync(cancellationToken) == StoreSeedState.None)
        {
            // Created empty on purpose (sesric --no-seed): the store remembers it, and it stays empty.
            logger.LogInformation("The store was created empty (--no-seed) and is left empty");
            return;
        }
        if (await StoreSeeder.EnsureSeededAsync(store, cancellationToken))
        {
            if (duck is not null)
            {
                await duck.SetSeedStateAsync(StoreSeedState.BuiltIn, cancellationToken);
            }
            logger.LogInformation("Seeded the empty store with the built-in dataset");
        }
    }
}
