namespace Sesric.Analytics.Storage;

/// <summary>Options for one participations import.</summary>
/// <param name="RequestId">An idempotency key (AIP-155): a second call with the same id and the same rows is a no-op that returns the first outcome; with other rows it is refused (<see cref="ImportRequestConflictException"/>).</param>
/// <param name="Progress">Receives the number of rows read so far, now and then.</param>
public sealed record ImportRequest(string? RequestId = null, IProgress<long>? Progress = null)
{
    /// <summary>A plain import with no request id and no progress.</summary>
    public static ImportRequest Default { get; } = new();

    /// <summary>What is being imported (a file name), kept in the store's import journal where it has one.</summary>
    public string? Source { get; init; }
}
