namespace Sesric.Analytics.Application.Data;

/// <summary>
/// A number that moves on whenever the data behind the application may have changed: a write through
/// <see cref="VersionedStore"/>, a write another replica announced, or the store being reopened. Whatever is derived from
/// the data (cached results, the catalogue, a trained forecaster) remembers the version it was derived at and is stale
/// once the version moves on.
/// </summary>
/// <remarks>Invariant: the value never decreases, and it moves on only after the change it announces is visible to
/// readers, so a reader that sees the new version reads the new data.</remarks>
/// <threadsafety>Safe to share.</threadsafety>
public sealed class DataVersion
{
    private long _value;

    /// <summary>The current version.</summary>
    public long Current => Interlocked.Read(ref _value);

    /// <summary>Raised after the version moved on (on the thread that moved it), for caches that drop state eagerly.</summary>
    public event Action? Advanced;

    /// <summary>Records that the data may have changed; returns the new version.</summary>
    public long Advance()
    {
        var next = Interlocked.Increment(ref _value);
        Advanced?.Invoke();
        return next;
    }
}
