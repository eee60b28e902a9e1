namespace Sesric.Analytics.Cli.Hosting;

/// <summary>What a command does with the store, which decides how the file is opened.</summary>
public enum StoreUse
{
    /// <summary>Only reads: an existing file is opened read-only (so a file the user may not write still works).</summary>
    Read,

    /// <summary>Writes (imports, undo).</summary>
    Write,

    /// <summary>A dry run: writes run and report their outcome, then roll back; a missing store is not created.</summary>
    Preview,
}
