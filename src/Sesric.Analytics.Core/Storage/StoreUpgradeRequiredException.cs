namespace Sesric.Analytics.Storage;

/// <summary>
/// A store opened read-only or as a preview is at an older schema than this build: it must be upgraded, which is
/// a write, by opening it read-write once. Nothing was changed in the store.
/// </summary>
public sealed class StoreUpgradeRequiredException : Exception
{
    /// <summary>Builds the exception for <paramref name="location"/>.</summary>
    public StoreUpgradeRequiredException(string location, int storeVersion, int supportedVersion)
        : base($"the store '{location}' has schema version {storeVersion} and needs an upgrade to version {supportedVersion}, "
            + "which writes to it: run a command that writes (or any read command with write access to the store) once first.")
    {
        Location = location;
        StoreVersion = storeVersion;
    }

    /// <summary>The store's file path (or PostgreSQL address without password).</summary>
    public string Location { get; }

    /// <summary>The schema version recorded in the store.</summary>
    public int StoreVersion { get; }
}
