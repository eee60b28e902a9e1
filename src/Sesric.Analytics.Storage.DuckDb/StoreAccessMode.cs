namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>How <see cref="DuckDbAnalyticsStore"/> opens its file.</summary>
public enum StoreAccessMode
{
    /// <summary>Read and write; a new file is created and an older schema upgraded.</summary>
    ReadWrite,

    /// <summary>
    /// Read only (DuckDB's <c>READ_ONLY</c> access mode): works on a file the user may not write, and beside other
    /// read-only processes. The file must exist at the newest schema; every write fails.
    /// </summary>
    ReadOnly,

    /// <summary>
    /// Writes run in full and return their outcomes, then roll back: nothing is ever committed (a dry run). The file
    /// must exist at the newest schema, since an upgrade would be a write.
    /// </summary>
    Preview,
}
