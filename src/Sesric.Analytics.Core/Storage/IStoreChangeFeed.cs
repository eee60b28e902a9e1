namespace Sesric.Analytics.Storage;

/// <summary>
/// A store shared by several service processes (replicas) that tells each of them when another one wrote, so that
/// results cached from the old data are dropped.
/// </summary>
/// <remarks>
/// The embedded DuckDB store has no such feed: one process holds its file and sees every write itself.
/// </remarks>
public interface IStoreChangeFeed
{
    /// <summary>
    /// Calls <paramref name="changedElsewhere"/> after each write committed through another store object (in this or
    /// another process), and once after every (re)connection, since writes made while disconnected were not announced.
    /// Runs until <paramref name="cancellationToken"/> is cancelled; reconnects by itself when the database goes away.
    /// </summary>
    Task WatchAsync(Action changedElsewhere, CancellationToken cancellationToken);
}
