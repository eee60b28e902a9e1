using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>Opens the store a command works on: the embedded DuckDB file at the resolved location.</summary>
internal static class StoreAccess
{
    /// <summary>Opens (creating and migrating) the store, and seeds a brand-new one with the built-in dataset when asked.</summary>
    /// <param name="explicitPath">The <c>--db</c> value, or null for the default location.</param>
    /// <param name="seed">Fill a store that holds nothing yet with the built-in dataset.</param>
    /// <param name="upgrades">Told before each schema upgrade of an existing store; null for none.</param>
    /// <param name="cancellationToken">Cancels opening and seeding.</param>
    public static async Task<IAnalyticsStore> OpenAsync(string? explicitPath, bool seed, IProgress<SchemaUpgrade>? upgrades, CancellationToken cancellationToken)
    {
        var path = StoreLocation.Resolve(explicitPath);
        var store = await DuckDbAnalyticsStore.OpenAsync(path, upgrades, cancellationToken).ConfigureAwait(false);
        try
        {
            if (seed)
            {
                await StoreSeeder.EnsureSeededAsync(store, cancellationToken).ConfigureAwait(false);
            }
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
