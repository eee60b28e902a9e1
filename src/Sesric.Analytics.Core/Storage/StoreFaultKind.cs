namespace Sesric.Analytics.Storage;

/// <summary>What went wrong with a store's file, as opposed to what was asked of it.</summary>
public enum StoreFaultKind
{
    /// <summary>The disk (or file system) holding the store has no space left.</summary>
    DiskFull,

    /// <summary>The database engine stopped after a fatal error; the store must be closed and opened again.</summary>
    Invalidated,

    /// <summary>The file is damaged: a checksum does not match, a block is missing, the file is cut short.</summary>
    Corrupt,

    /// <summary>The file or its folder cannot be written (read-only mount, permissions).</summary>
    NotWritable,

    /// <summary>A database server (PostgreSQL) cannot be reached or dropped the connection; it recovers by itself when the server returns.</summary>
    Unreachable,
}
