namespace Sesric.Analytics.Storage;

/// <summary>
/// Thrown when an import's request id was already used for a batch with other rows: a retry must send the
/// same rows, and a new batch needs a new id. Nothing is written. An <see cref="ArgumentException"/>: the id is
/// the bad argument (callers report it as the user's mistake).
/// </summary>
public sealed class ImportRequestConflictException : ArgumentException
{
    /// <summary>Builds the exception for <paramref name="requestId"/>.</summary>
    public ImportRequestConflictException(string requestId)
        : base($"request id '{(requestId.Length > 64 ? requestId[..64] + "…" : requestId)}' was already used for other rows; nothing was imported. "
            + "Resend exactly the same rows to retry that import, or give this batch a new request id.")
    {
        RequestId = requestId;
    }

    /// <summary>The request id used twice.</summary>
    public string RequestId { get; }
}
