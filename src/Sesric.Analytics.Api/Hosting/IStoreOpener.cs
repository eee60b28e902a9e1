using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>Opens the service's store and fills an empty one; the seam where the storage engine is chosen.</summary>
public interface IStoreOpener
{
    /// <summary>The store location to open for the configured path (null or empty: the engine's default location).</summary>
    string ResolvePath(string? configuredPath);

    /// <summary>Opens (creating and migrating when needed) the store at <paramref name="path"/>.</summary>
    Task<IAnalyticsStore> OpenAsync(string path, CancellationToken cancellationToken);

    /// <summary>Fills an empty store with the built-in dataset; leaves a seeded store as it is.</summary>
    Task SeedAsync(IAnalyticsStore store, CancellationToken cancellationToken);
}
