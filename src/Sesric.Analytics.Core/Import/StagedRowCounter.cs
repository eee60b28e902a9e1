namespace Sesric.Analytics.Import;

/// <summary>
/// Counts the rows a store's import stages, checking for cancellation every 1,024 rows and reporting progress every
/// <see cref="ProgressInterval"/> rows: often enough to stop and to show movement within a second, rarely enough to cost
/// nothing per row.
/// </summary>
/// <param name="progress">Told the count so far; null for none.</param>
/// <param name="cancellationToken">Checked as rows are counted.</param>
public sealed class StagedRowCounter(IProgress<long>? progress, CancellationToken cancellationToken)
{
    /// <summary>How often (in rows) progress is reported.</summary>
    public const int ProgressInterval = 50_000;

    private const int CancellationCheckInterval = 1_024;

    /// <summary>The rows counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Counts one more row.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked every 1,024 rows).</exception>
    public void Add()
    {
        Count++;
        if (Count % CancellationCheckInterval == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (Count % ProgressInterval == 0)
        {
            progress?.Report(Count);
        }
    }

    /// <summary>Ends the count: checks the token once more and reports the final count.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Finish()
    {
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(Count);
    }
}
