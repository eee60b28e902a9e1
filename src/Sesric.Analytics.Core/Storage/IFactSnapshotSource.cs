namespace Sesric.Analytics.Storage;

/// <summary>A store that can hand its counted fact rows to the query engine in memory while they are few.</summary>
public interface IFactSnapshotSource
{
    /// <summary>
    /// The counted fact rows as of the store's current data (a write since the last snapshot makes a new one), or null
    /// when there are more than <paramref name="maxRows"/> of them (the query then runs in the database).
    /// </summary>
    /// <param name="maxRows">The most rows worth holding in memory.</param>
    /// <param name="cancellationToken">Cancels a reload.</param>
    Task<FactSnapshot?> GetFactSnapshotAsync(int maxRows, CancellationToken cancellationToken = default);
}
