namespace Sesric.Analytics.Storage;

/// <summary>
/// Thrown when the store's file or disk failed (full disk, damaged file, engine invalidated by a fatal error,
/// read-only file), as opposed to a bad request. The message names the store's location and what to do.
/// </summary>
/// <remarks>An <see cref="IOException"/>, so callers that report I/O problems plainly (the CLI) keep doing so.
/// A write that fails this way wrote nothing: its transaction never committed.</remarks>
public sealed class StoreFaultException : IOException
{
    /// <summary>Builds the exception.</summary>
    /// <param name="kind">What failed.</param>
    /// <param name="location">The store's file path.</param>
    /// <param name="detail">The engine's own first line, kept for the log.</param>
    /// <param name="inner">The engine's exception.</param>
    public StoreFaultException(StoreFaultKind kind, string location, string detail, Exception? inner = null)
        : base(Describe(kind, location, detail), inner)
    {
        Kind = kind;
        Location = location;
        Detail = detail;
    }

    /// <summary>What failed.</summary>
    public StoreFaultKind Kind { get; }

    /// <summary>The store's file path.</summary>
    public string Location { get; }

    /// <summary>The engine's own words (first line), for the log.</summary>
    public string Detail { get; }

    private static string Describe(StoreFaultKind kind, string location, string detail)
    {
        var folder = Path.GetDirectoryName(location) is { Length: > 0 } d ? d : location;
        return kind switch
        {
            StoreFaultKind.DiskFull =>
                $"the disk holding the store '{location}' is full; nothing was written. Free space in {folder} and retry.",
            StoreFaultKind.Invalidated =>
                $"the store '{location}' stopped after a fatal error ({detail}); it must be opened again. Nothing of the failed write was kept.",
            StoreFaultKind.Unreachable =>
                $"the database server of the store '{location}' cannot be reached ({detail}); nothing of the failed write was kept. Calls succeed again once it is back.",
            StoreFaultKind.Corrupt =>
                $"the store '{location}' is damaged ({detail}). Restore it from a backup, or move it aside to start a new one.",
            _ =>
                $"the store '{location}' cannot be written ({detail}). Check that {folder} is writable (not a read-only mount) and that you may write the file.",
        };
    }
}
