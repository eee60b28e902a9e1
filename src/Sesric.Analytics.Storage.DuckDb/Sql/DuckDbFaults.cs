using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>
/// Tells a failure of the store's file or disk from a failure of a statement, by DuckDB's own words, so
/// that callers get a <see cref="StoreFaultException"/> (full disk, damaged file, invalidated database)
/// instead of an engine error they can only report as internal.
/// </summary>
/// <remarks>DuckDB reports these only in its messages (its error type is IO or FATAL for several of them), so
/// the phrases below are the contract; each was seen on this project's machines (tmpfs full, file cut in
/// half, bytes flipped, read-only mount).</remarks>
internal static class DuckDbFaults
{
    // "max_temp_directory_size": under an import's memory limit DuckDB offloads blocks to its temporary folder beside the
    // store file, whose size limit defaults to the disk's free space; on a full disk that limit is 0 and DuckDB says
    // "failed to offload data block … set by the 'max_temp_directory_size' setting" (an Out of Memory error).
    private static readonly string[] DiskFull = ["No space left on device", "Disk full", "ENOSPC", "max_temp_directory_size"];

    // DuckDB invalidates its database instance after a FATAL or INTERNAL error: every later statement fails.
    private static readonly string[] Invalidated = ["database has been invalidated", "FATAL Error", "INTERNAL Error"];

    private static readonly string[] Corrupt =
    [
        "Corrupt database file", "checksum", "Could not read enough bytes", "not a valid DuckDB database file",
        "The file is not a valid", "Failed to read block", "Serialization Error",
    ];

    private static readonly string[] NotWritable = ["Read-only file system", "Permission denied", "read-only mode"];

    /// <summary>The store fault <paramref name="exception"/> describes, or null for an ordinary statement error.</summary>
    public static StoreFaultException? Classify(Exception exception, string location)
    {
        if (exception is StoreFaultException already)
        {
            return already;
        }
        if (exception is not DuckDBException)
        {
            return null;
        }
        var message = exception.Message;
        var kind =
            Has(message, DiskFull) ? StoreFaultKind.DiskFull
            : Has(message, Invalidated) ? StoreFaultKind.Invalidated
            : Has(message, Corrupt) ? StoreFaultKind.Corrupt
            : Has(message, NotWritable) ? StoreFaultKind.NotWritable
            : (StoreFaultKind?)null;
        return kind is { } k ? new StoreFaultException(k, location, FirstLine(message), exception) : null;
    }

    private static bool Has(string message, string[] phrases) =>
        phrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        var line = newline < 0 ? message : message[..newline];
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
