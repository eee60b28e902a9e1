namespace Sesric.Analytics.Storage;

/// <summary>
/// Thrown when a store file was written by a newer version of the software than this one: its schema
/// version is higher than the newest migration this build knows, so reading or writing it could lose data.
/// </summary>
/// <remarks>Nothing is changed in the file when this is thrown. The fix is to upgrade the tool or service.</remarks>
public sealed class StoreVersionException : Exception
{
    /// <summary>Builds the exception for <paramref name="location"/>.</summary>
    /// <param name="location">The store's file path (or connection description).</param>
    /// <param name="storeVersion">The schema version recorded in the store.</param>
    /// <param name="supportedVersion">The newest schema version this build can read and write.</param>
    public StoreVersionException(string location, int storeVersion, int supportedVersion)
        : base($"the store '{location}' has schema version {storeVersion}, but this build supports schema versions up to "
            + $"{supportedVersion}: it was written by a newer release. Upgrade sesric, or point --db (or ${StoreLocation.EnvironmentVariable}) at another file.")
    {
        Location = location;
        StoreVersion = storeVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The store's file path (or connection description).</summary>
    public string Location { get; }

    /// <summary>The schema version recorded in the store.</summary>
    public int StoreVersion { get; }

    /// <summary>The newest schema version this build supports.</summary>
    public int SupportedVersion { get; }
}
